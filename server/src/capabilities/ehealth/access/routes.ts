import type { FastifyInstance } from 'fastify';
import type { EhealthParts } from '../parts.ts';

/** SMART configuration, the patient's restrictions, break-glass, the record's accesses (access/ fills it). */
export async function accessRoutes(_app: FastifyInstance, _parts: EhealthParts): Promise<void> {}
