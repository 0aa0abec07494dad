import { PersonCard, Profile } from '@civitas/contracts/api/profile.ts';
import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessPolicy } from '../../access/policy.ts';
import type { ExchangeClient } from '../../exchange/client.ts';
import { CaseHeader, caseReferenceOf } from '../../http/case-reference.ts';
import { principalOf } from '../../identity/auth.ts';
import { AppError } from '../../kernel/errors.ts';
import { ProfileService } from './build-profile.ts';

export interface ProfileRoutesOptions {
  exchange: ExchangeClient;
  /** Which officials and police may look whom up, for which purpose on which legal basis. */
  policy: AccessPolicy;
}

const ProblemRef = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
const errorResponses = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef };

/** The purposes for which a person card carries the identity documents (checking an ID shown). */
export const PURPOSES_WITH_DOCUMENTS: ReadonlySet<string> = new Set(['identity-verification']);

async function profileRoutes(app: FastifyInstance, options: ProfileRoutesOptions): Promise<void> {
  const profiles = new ProfileService(options.exchange);

  app.get(
    '/api/me',
    {
      config: {
        access: 'signed-in',
        personalData: { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' },
      },
      schema: {
        tags: ['citizen'],
        summary: "The signed-in person's profile from the population and related registers",
        security: [{ eid: [] }],
        response: { 200: Profile, ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return profiles.profileOf(principal.subject, principal.roles);
    },
  );

  app.get(
    '/api/persons/:personalNumber',
    {
      config: { access: { roles: ['official', 'police'] } },
      schema: {
        tags: ['officials'],
        summary:
          'Look a person up by personal number (officials and police, with a purpose and legal basis pair of GET /api/access/purposes)',
        security: [{ eid: [] }],
        params: Type.Object({ personalNumber: Type.String({ maxLength: 32 }) }),
        headers: Type.Object({
          'x-purpose': Type.Optional(Type.String({ maxLength: 200, description: 'a purpose code' })),
          'x-legal-basis': Type.Optional(Type.String({ maxLength: 200, description: 'a legal basis code' })),
          'x-case': CaseHeader,
        }),
        response: { 200: PersonCard, ...errorResponses },
      },
    },
    async (request) => {
      const { personalNumber } = request.params as { personalNumber: string };
      const problem = checkEgn(personalNumber);
      if (problem)
        throw new AppError('invalid-personal-number', `The personal number is not valid (${problem}).`);
      const purpose = request.headers['x-purpose'];
      const legalBasis = request.headers['x-legal-basis'];
      if (
        typeof purpose !== 'string' ||
        !purpose.trim() ||
        typeof legalBasis !== 'string' ||
        !legalBasis.trim()
      ) {
        throw new AppError('purpose-required', 'Send the X-Purpose and X-Legal-Basis headers.');
      }
      const caseRef = caseReferenceOf(request.headers['x-case']);
      const principal = principalOf(request);
      const access = await options.policy.authorise(principal, 'person-card', {
        purpose: purpose.trim(),
        legalBasis: legalBasis.trim(),
        caseRef,
      });
      request.log.info(
        { event: 'personal-data.access', organisation: access.client, purpose, legalBasis },
        'person looked up',
      );
      return profiles.cardOf(personalNumber, access, {
        withDocuments: PURPOSES_WITH_DOCUMENTS.has(access.purpose),
      });
    },
  );
}

/** The profile context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const profilePlugin = fp(profileRoutes, {
  name: 'profile',
  dependencies: ['route-access', 'exchange-client'],
  encapsulate: true,
});
