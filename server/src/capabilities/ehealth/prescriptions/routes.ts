import type { FastifyInstance } from 'fastify';
import type { EhealthParts } from '../parts.ts';

/** The prescriptions: issue, find by number, dispense (prescriptions/ fills it). */
export async function prescriptionRoutes(_app: FastifyInstance, _parts: EhealthParts): Promise<void> {}
