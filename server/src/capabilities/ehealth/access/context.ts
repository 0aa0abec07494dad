import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../kernel/index.ts';
import type { HealthAccessContext } from '../ports.ts';

/**
 * Who calls, under which SMART scopes and for which purpose, from the request's access token.
 * PLACEHOLDER (access/ replaces it): refuses everyone.
 */
export type HealthContextResolver = (request: FastifyRequest) => Promise<HealthAccessContext>;

export function createContextResolver(): HealthContextResolver {
  return async () => {
    throw new AppError('token-missing');
  };
}

/** The platform's own context (seeding, the benchmark's baseline): no policy applies to it. */
export const INTERNAL_CONTEXT: HealthAccessContext = {
  actor: { kind: 'internal' },
  scopes: [],
  purpose: { purpose: 'medical-treatment', legalBasis: 'gdpr-art-9-2-h' },
  breakGlass: [],
  requestId: 'internal',
};
