import type { FastifyInstance } from 'fastify';
import type { EhealthParts } from '../parts.ts';

/** The FHIR R4 REST API at /fhir/R4 (fhir/ fills it). */
export async function fhirRoutes(_app: FastifyInstance, _parts: EhealthParts): Promise<void> {}
