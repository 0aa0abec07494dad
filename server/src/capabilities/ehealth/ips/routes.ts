import type { FastifyInstance } from 'fastify';
import type { EhealthParts } from '../parts.ts';

/** The patient summary's PDF and documents' PDFs outside FHIR, if any (ips/ fills it). */
export async function ipsRoutes(_app: FastifyInstance, _parts: EhealthParts): Promise<void> {}
