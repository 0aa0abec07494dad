import {
  PasskeyList,
  PasskeyRegistration,
  Passkey as PasskeySchema,
  WebAuthnOptions,
} from '@civitas/contracts/api/passkeys.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { presentedToken, principalOf } from './auth.ts';
import type { PasskeyService, RegisteringSession } from './passkeys.ts';
import type { SignIns } from './sign-ins.ts';

export interface PasskeyRoutesOptions {
  passkeys: PasskeyService;
  signIns: SignIns;
}

const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
/** The person's own passkeys: part of how they sign in with the eID. */
const PASSKEY_DATA = { purpose: 'authentication', legalBasis: 'e-government-act-art-2' } as const;
const base = { tags: ['citizen'], security: [{ eid: [] }] };

/**
 * The session as its (verified) access token says: who, and how they signed in (`acr`, `amr`,
 * which the eID node puts into its access tokens). The route's access check has verified it.
 */
async function registeringSession(request: FastifyRequest, signIns: SignIns): Promise<RegisteringSession> {
  const principal = principalOf(request);
  const claims = decodeJwt(presentedToken(request).token);
  return {
    subject: principal.subject,
    acr: claims.acr,
    amr: claims.amr,
    displayName: (await signIns.claimsOf(principal.subject))?.name,
  };
}

/** `/api/identity/passkeys`: the signed-in person registers, lists and removes their passkeys. */
export async function passkeyRoutes(app: FastifyInstance, options: PasskeyRoutesOptions): Promise<void> {
  const { passkeys, signIns } = options;
  const config = { access: 'signed-in', personalData: PASSKEY_DATA } as const;

  app.post(
    '/api/identity/passkeys/registration-options',
    {
      config,
      schema: {
        ...base,
        summary: 'WebAuthn options to register a passkey for this device (after a PIN sign-in)',
        response: { 200: WebAuthnOptions, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return passkeys.registrationOptions(await registeringSession(request, signIns));
    },
  );

  app.post(
    '/api/identity/passkeys',
    {
      config: { ...config, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        ...base,
        summary: 'Register a passkey: the authenticator’s answer to the registration options',
        body: PasskeyRegistration,
        response: { 201: PasskeySchema, ...errors },
      },
    },
    async (request, reply) => {
      const session = await registeringSession(request, signIns);
      const created = await passkeys.register(session, request.body as PasskeyRegistration);
      request.log.info({ event: 'eid.passkey.registered' }, 'passkey registered');
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/identity/passkeys',
    {
      config,
      schema: {
        ...base,
        summary: 'The signed-in person’s passkeys',
        response: { 200: PasskeyList, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await passkeys.list(principalOf(request).subject) };
    },
  );

  app.delete(
    '/api/identity/passkeys/:id',
    {
      config,
      schema: {
        ...base,
        summary: 'Remove one of the signed-in person’s passkeys',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await passkeys.remove(principalOf(request).subject, (request.params as { id: string }).id);
      request.log.info({ event: 'eid.passkey.removed' }, 'passkey removed');
      return reply.code(204).send();
    },
  );
}
