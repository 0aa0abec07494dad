import { AllowedPairs } from '@civitas/contracts/api/access.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { principalOf } from '../identity/index.ts';
import type { AccessPolicy } from './policy.ts';

export interface AccessRoutesOptions {
  policy: AccessPolicy;
}

const ProblemRef = Type.Object({}, { additionalProperties: true, description: 'RFC 9457 problem details' });

/** The purposes and legal bases an official or police officer may look people and vehicles up for. */
async function accessRoutes(app: FastifyInstance, options: AccessRoutesOptions): Promise<void> {
  app.get(
    '/api/access/purposes',
    {
      config: { access: { roles: ['official', 'police'] } },
      schema: {
        tags: ['officials'],
        summary:
          'The purpose–legal basis pairs the signed-in official or police officer may use, per lookup (codes; the web app has their labels)',
        security: [{ eid: [] }],
        response: { 200: AllowedPairs, 401: ProblemRef, 403: ProblemRef },
      },
    },
    async (request) => ({ items: await options.policy.allowed(principalOf(request)) }),
  );
}

/** The access context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const accessPlugin = fp(accessRoutes, {
  name: 'access',
  dependencies: ['route-access'],
  encapsulate: true,
});
