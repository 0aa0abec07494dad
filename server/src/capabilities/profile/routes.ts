import { PersonCard, Profile } from '@civitas/contracts/api/profile.ts';
import type { PersonalNumberScheme } from '@civitas/contracts/ids/personal-number.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessPolicy } from '../../access/index.ts';
import type { ExchangeClient } from '../../exchange/index.ts';
import { CaseHeader, caseReferenceOf, personalDataUseOf } from '../../http/index.ts';
import { principalOf } from '../../identity/index.ts';
import { AppError } from '../../kernel/index.ts';
import { ownProfileAccess, ProfilePolicy, SUBJECT_ACCESS } from './policy.ts';
import { ProfileService } from './service.ts';

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

const MeSchema = {
  tags: ['citizen'],
  summary: "The signed-in person's profile from the population and related registers",
  security: [{ eid: [] }],
  response: { 200: Profile, ...errorResponses },
};

const PersonCardSchema = {
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
};

function checkedPersonalNumber(scheme: PersonalNumberScheme, personalNumber: string): string {
  const problem = scheme.check(personalNumber);
  if (problem)
    throw new AppError('invalid-personal-number', `The personal number is not valid (${problem}).`);
  return personalNumber;
}

async function profileRoutes(app: FastifyInstance, options: ProfileRoutesOptions): Promise<void> {
  const profiles = new ProfileService(options.exchange);
  const policy = new ProfilePolicy(options.policy);

  app.get(
    '/api/me',
    {
      config: { access: 'signed-in', personalData: SUBJECT_ACCESS },
      schema: MeSchema,
    },
    async (request) => {
      const principal = principalOf(request);
      // The pair the route declares is the one the exchange call carries (and the citizen sees).
      return profiles.profileOf(ownProfileAccess(principal, personalDataUseOf(request)), principal.roles);
    },
  );

  app.get(
    '/api/persons/:personalNumber',
    {
      config: { access: { roles: ['official', 'police'] } },
      schema: PersonCardSchema,
    },
    async (request) => {
      const personalNumber = checkedPersonalNumber(
        app.instance.personalNumbers,
        (request.params as { personalNumber: string }).personalNumber,
      );
      const { access, withDocuments } = await policy.personCard(principalOf(request), {
        purpose: request.headers['x-purpose'] as string | undefined,
        legalBasis: request.headers['x-legal-basis'] as string | undefined,
        caseRef: caseReferenceOf(request.headers['x-case']),
      });
      request.log.info(
        {
          event: 'personal-data.access',
          organisation: access.client,
          purpose: access.purpose,
          legalBasis: access.legalBasis,
        },
        'person looked up',
      );
      return profiles.cardOf(personalNumber, access, { withDocuments });
    },
  );
}

/** The profile context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const profilePlugin = fp(profileRoutes, {
  name: 'profile',
  dependencies: ['route-access', 'exchange-client'],
  encapsulate: true,
});
