import { PasskeyAssertion, WebAuthnOptions } from '@civitas/contracts/api/passkeys.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { AppError } from '../kernel/index.ts';
import type { PasskeyService } from './passkeys.ts';
import { requestedLevel } from './passkeys-assurance.ts';
import { EID_PASSKEY_SCRIPT, webAuthnBrowserBundle } from './passkeys-page-script.ts';
import type { IdentityService } from './service.ts';

export interface PasskeySignInRoutesOptions {
  provider: Provider;
  passkeys: PasskeyService;
  identity: IdentityService;
}

const Uid = Type.Object({ uid: Type.String({ maxLength: 64 }) });
const Problem = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String() },
  { additionalProperties: true },
);
const problems = { 400: Problem, 401: Problem, 403: Problem, 429: Problem };
const limited = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/**
 * The passkey steps of the eID sign-in page (`/interaction/:uid/passkey…`), answered in JSON to
 * the page's script: options for the authenticator, then its answer, which finishes the sign-in
 * as the PIN does, with the level and method of a passkey in the ID token.
 */
export async function passkeySignInRoutes(pages: FastifyInstance, options: PasskeySignInRoutesOptions) {
  const { provider, passkeys, identity } = options;
  const bundle = webAuthnBrowserBundle();
  const script = (body: string) => async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  pages.get('/interaction/webauthn.js', { schema: { hide: true } }, script(bundle));
  pages.get('/interaction/eid-passkey.js', { schema: { hide: true } }, script(EID_PASSKEY_SCRIPT));

  const interaction = async (request: FastifyRequest, reply: FastifyReply) => {
    const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => null);
    if (!details || details.uid !== (request.params as { uid: string }).uid)
      throw new AppError('passkey-sign-in-expired');
    reply.header('cache-control', 'no-store');
    return details;
  };

  pages.post(
    '/interaction/:uid/passkey/options',
    { config: limited, schema: { hide: true, params: Uid, response: { 200: WebAuthnOptions, ...problems } } },
    async (request, reply) => {
      const details = await interaction(request, reply);
      return passkeys.authenticationOptions(details.uid);
    },
  );

  pages.post(
    '/interaction/:uid/passkey',
    {
      config: limited,
      schema: {
        hide: true,
        params: Uid,
        body: PasskeyAssertion,
        response: { 200: Type.Object({ location: Type.String() }), ...problems },
      },
    },
    async (request, reply) => {
      const details = await interaction(request, reply);
      const requested = requestedLevel(details.params.acr_values);
      const body = request.body as PasskeyAssertion;
      const outcome = await passkeys.authenticate(details.uid, body, requested).catch((error: unknown) => {
        if (error instanceof AppError)
          request.log.info({ event: 'eid.passkey.refused', code: error.code }, 'passkey sign-in refused');
        throw error;
      });
      if (!(await identity.signInWithPasskey(outcome.egn))) throw new AppError('passkey-not-recognised');
      request.log.info({ event: 'eid.passkey.succeeded' }, 'passkey sign-in');
      const location = await provider.interactionResult(
        request.raw,
        reply.raw,
        { login: { accountId: outcome.egn, acr: outcome.assurance.acr, amr: outcome.assurance.amr } },
        { mergeWithLastSubmission: false },
      );
      return { location };
    },
  );
}
