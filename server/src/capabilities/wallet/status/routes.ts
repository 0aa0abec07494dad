import type { FastifyInstance } from 'fastify';
import type { WalletOptions } from '../options.ts';

/** The wallet status's HTTP routes (registered by ../routes.ts in their own scope). */
export async function statusRoutes(_app: FastifyInstance, _options: WalletOptions): Promise<void> {}
