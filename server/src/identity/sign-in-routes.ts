import formbody from '@fastify/formbody';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Connection } from '../db/index.ts';
import type { Config } from '../kernel/index.ts';
import { listDemoAccounts } from './demo-accounts.ts';
import { EID_AUTO_SUBMIT_SCRIPT, EID_STYLESHEET, renderExpiredPage, renderLoginPage } from './eid-pages.ts';
import { LOA_SUBSTANTIAL, PIN_AMR } from './eid-provider.ts';
import { EID_TEXTS, type EidLanguage, type EidTexts, eidLanguage } from './eid-texts.ts';
import type { PasskeyService } from './passkeys.ts';
import { passkeyCanSatisfy, requestedLevel } from './passkeys-assurance.ts';
import { passkeySignInRoutes } from './passkeys-sign-in-routes.ts';
import { pinToPublicUrl } from './public-url.ts';
import type { IdentityService, SignInRefusal } from './service.ts';

export interface SignInRoutesOptions {
  db: Connection;
  config: Config;
  provider: Provider;
  identity: IdentityService;
  passkeys: PasskeyService;
}

const Uid = Type.Object({ uid: Type.String({ maxLength: 64 }) });
const loginSchema = {
  hide: true,
  params: Uid,
  body: Type.Object({ personalNumber: Type.String({ maxLength: 32 }), pin: Type.String({ maxLength: 32 }) }),
};

/** How each refusal is answered and logged (never with the personal number). */
const REFUSALS: Record<SignInRefusal['reason'], { status: number; event: string; message: string }> = {
  'demo-disabled': {
    status: 403,
    event: 'eid.login.refused',
    message: 'demo eID login refused in production',
  },
  'invalid-personal-number': {
    status: 400,
    event: 'eid.login.invalid',
    message: 'malformed personal number',
  },
  locked: { status: 429, event: 'eid.login.locked', message: 'PIN attempts paused for this personal number' },
  'wrong-credentials': { status: 401, event: 'eid.login.failed', message: 'unknown person or wrong PIN' },
};

function lockedMessage(t: EidTexts, until: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return t.tooManyAttempts.replace('{minutes}', String(minutes));
}

function refusalText(t: EidTexts, refusal: SignInRefusal): string {
  switch (refusal.reason) {
    case 'demo-disabled':
      return t.demoDisabled;
    case 'invalid-personal-number':
      return t.invalidPersonalNumber;
    case 'locked':
      return lockedMessage(t, refusal.lockedUntil);
    case 'wrong-credentials':
      return refusal.lockedUntil
        ? `${t.wrongCredentials} ${lockedMessage(t, refusal.lockedUntil)}`
        : t.wrongCredentials;
  }
}

/** The relying party's `ui_locales` (the web app sends its language), else the browser's. */
function languageOf(request: FastifyRequest, details?: { params: Record<string, unknown> }): EidLanguage {
  return eidLanguage({
    uiLocales: details?.params.ui_locales,
    acceptLanguage: request.headers['accept-language'],
  });
}

/** The eID node's sign-in pages: the PIN form, its submission and the cancel button. */
export async function signInRoutes(pages: FastifyInstance, options: SignInRoutesOptions): Promise<void> {
  const { provider, config } = options;
  await pages.register(formbody, { bodyLimit: 4096 });
  // The sign-in pages hand the raw request to the eID node too (interaction details, results).
  const publicUrl = new URL(config.publicUrl);
  pages.addHook('onRequest', async (request) => pinToPublicUrl(request.raw.headers, publicUrl, request.ip));
  const asset = (type: string, body: string) => async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type(type).header('cache-control', 'public, max-age=3600').send(body);
  pages.get(
    '/interaction/eid.css',
    { schema: { hide: true } },
    asset('text/css; charset=utf-8', EID_STYLESHEET),
  );
  pages.get(
    '/interaction/eid-submit.js',
    { schema: { hide: true } },
    asset('text/javascript; charset=utf-8', EID_AUTO_SUBMIT_SCRIPT),
  );

  const interactionOrNull = (request: FastifyRequest, reply: FastifyReply) =>
    provider.interactionDetails(request.raw, reply.raw).catch(() => null);
  const sendExpired = (request: FastifyRequest, reply: FastifyReply) =>
    reply
      .code(400)
      .type('text/html; charset=utf-8')
      .send(renderExpiredPage(languageOf(request)));
  const sendLoginPage = async (
    reply: FastifyReply,
    page: { uid: string; language: EidLanguage; error?: string; personalNumber?: string; passkeys: boolean },
  ) => {
    const demoAccounts = config.demo ? await listDemoAccounts(options.db) : [];
    return reply
      .type('text/html; charset=utf-8')
      .send(renderLoginPage({ ...page, demoAccounts, demoPin: config.demoPin }));
  };

  pages.get('/interaction/:uid', { schema: { hide: true, params: Uid } }, async (request, reply) => {
    const details = await interactionOrNull(request, reply);
    if (!details) return sendExpired(request, reply);
    return sendLoginPage(reply, {
      uid: details.uid,
      language: languageOf(request, details),
      passkeys: passkeyCanSatisfy(requestedLevel(details.params.acr_values)),
    });
  });

  pages.post(
    '/interaction/:uid/login',
    { schema: loginSchema, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const details = await interactionOrNull(request, reply);
      if (!details) return sendExpired(request, reply);
      const language = languageOf(request, details);
      const body = request.body as { personalNumber: string; pin: string };
      const personalNumber = body.personalNumber.trim();
      const outcome = await options.identity.signIn(personalNumber, body.pin);
      if (!outcome.signedIn) {
        const { status, event, message } = REFUSALS[outcome.reason];
        const log = outcome.reason === 'demo-disabled' ? request.log.warn : request.log.info;
        log.call(
          request.log,
          { event, ...(outcome.reason === 'invalid-personal-number' && { problem: outcome.problem }) },
          message,
        );
        const error = refusalText(EID_TEXTS[language], outcome);
        const passkeys = passkeyCanSatisfy(requestedLevel(details.params.acr_values));
        return sendLoginPage(reply.code(status), {
          uid: details.uid,
          language,
          error,
          personalNumber,
          passkeys,
        });
      }
      request.log.info({ event: 'eid.login.succeeded' }, 'demo eID login');
      return finishInteraction(provider, request, reply, personalNumber);
    },
  );

  await pages.register(passkeySignInRoutes, {
    provider,
    passkeys: options.passkeys,
    identity: options.identity,
  });

  pages.post('/interaction/:uid/abort', { schema: { hide: true, params: Uid } }, async (request, reply) => {
    const details = await interactionOrNull(request, reply);
    if (!details) return sendExpired(request, reply);
    const redirectTo = await provider.interactionResult(request.raw, reply.raw, {
      error: 'access_denied',
      error_description: 'The citizen cancelled the sign-in.',
    });
    return reply.redirect(redirectTo, 303);
  });
}

/** Hands the signed-in person back to the eID node, which redirects to the relying party. */
async function finishInteraction(
  provider: Provider,
  request: FastifyRequest,
  reply: FastifyReply,
  personalNumber: string,
) {
  const redirectTo = await provider.interactionResult(
    request.raw,
    reply.raw,
    { login: { accountId: personalNumber, amr: PIN_AMR, acr: LOA_SUBSTANTIAL } },
    { mergeWithLastSubmission: false },
  );
  return reply.redirect(redirectTo, 303);
}
