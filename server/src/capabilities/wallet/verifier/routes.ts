import type { FastifyInstance } from 'fastify';
import type { WalletOptions } from '../options.ts';

/** The wallet verifier's HTTP routes (registered by ../routes.ts in their own scope). */
export async function verifierRoutes(_app: FastifyInstance, _options: WalletOptions): Promise<void> {}
