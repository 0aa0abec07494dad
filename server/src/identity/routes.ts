import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import formbody from '@fastify/formbody';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type Provider from 'oidc-provider';
import { type Connection, tablesOf } from '../db/connection.ts';
import type { Config } from '../kernel/config.ts';
import { AppError } from '../kernel/errors.ts';
import { principalOf } from './auth.ts';
import { listDemoAccounts, rolesOf } from './demo-accounts.ts';
import { EID_AUTO_SUBMIT_SCRIPT, EID_STYLESHEET, escapeHtml, renderEidPage } from './eid-pages.ts';
import { LOA_SUBSTANTIAL, PIN_AMR } from './eid-provider.ts';
import { EID_TEXTS, type EidLanguage, type EidTexts, eidLanguage } from './eid-texts.ts';
import type { IdentityKeys } from './keys.ts';
import type { PersonDirectory } from './person-directory.ts';
import { PinAttempts } from './pin-attempts.ts';
import type { SignIns } from './sign-ins.ts';
import type { IdentityTables } from './tables.ts';
import { eidIssuer, issueScriptingToken } from './tokens.ts';

export interface IdentityPluginOptions {
  db: Connection;
  config: Config;
  keys: IdentityKeys;
  provider: Provider;
  directory: PersonDirectory;
  signIns: SignIns;
  /** The platform's security headers: replies the eID node writes itself must carry them too. */
  securityHeaders: Record<string, string>;
}

const MOUNT = '/oidc';

/** The eID node (OIDC provider and its sign-in pages) and the demo helpers around it. */
async function identityRoutes(app: FastifyInstance, options: IdentityPluginOptions): Promise<void> {
  const { provider, db, config } = options;
  const { directory, signIns } = options;
  const attempts = new PinAttempts(db);

  await app.register(async (oidc) => {
    // oidc-provider reads request bodies itself: leave the stream untouched.
    oidc.removeAllContentTypeParsers();
    oidc.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const callback = provider.callback();
    const publicUrl = new URL(config.publicUrl);
    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      const raw = request.raw as typeof request.raw & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(MOUNT.length) || '/';
      pinToPublicUrl(raw.headers, publicUrl, request.ip);
      // A hijacked reply skips Fastify's hooks: the headers every answer carries are set here.
      for (const [name, value] of Object.entries(options.securityHeaders)) reply.raw.setHeader(name, value);
      await callback(raw, reply.raw);
    };
    // userinfo: oidc-provider answers it only for opaque tokens without an audience, and the
    // tokens it issues are JWTs for the API. The same check as the API's (DPoP included) admits
    // them here; the claims are those read when the person signed in.
    oidc.route({
      method: ['GET', 'POST'],
      url: `${MOUNT}/me`,
      schema: { hide: true },
      handler: async (request, reply) => {
        reply.header('cache-control', 'no-store');
        await request.server.authenticate(request, reply);
        const principal = principalOf(request);
        if (!principal.scopes.includes('openid'))
          throw new AppError('token-invalid', 'The access token was not issued for OpenID Connect.');
        const claims = await signIns.claimsOf(principal.subject);
        if (!claims) throw new AppError('token-invalid', 'The eID session of this access token has ended.');
        return {
          sub: principal.subject,
          ...(principal.scopes.includes('profile') && {
            ...claims,
            roles: await rolesOf(db, principal.subject, config.demo),
          }),
        };
      },
    });
    oidc.all(MOUNT, { schema: { hide: true } }, forward);
    oidc.all(`${MOUNT}/*`, { schema: { hide: true } }, forward);
  });

  await app.register(async (pages) => {
    await pages.register(formbody, { bodyLimit: 4096 });
    // The sign-in pages hand the raw request to the eID node too (interaction details, results).
    const publicUrl = new URL(config.publicUrl);
    pages.addHook('onRequest', async (request) => pinToPublicUrl(request.raw.headers, publicUrl, request.ip));

    pages.get('/interaction/eid.css', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(EID_STYLESHEET),
    );
    pages.get('/interaction/eid-submit.js', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(EID_AUTO_SUBMIT_SCRIPT),
    );

    pages.get(
      '/interaction/:uid',
      { schema: { hide: true, params: Type.Object({ uid: Type.String({ maxLength: 64 }) }) } },
      async (request, reply) => {
        const details = await interactionOrNull(request, reply);
        if (!details) return sendExpired(request, reply);
        return sendLoginPage(reply, details.uid, languageOf(request, details));
      },
    );

    pages.post(
      '/interaction/:uid/login',
      {
        schema: {
          hide: true,
          params: Type.Object({ uid: Type.String({ maxLength: 64 }) }),
          body: Type.Object({
            personalNumber: Type.String({ maxLength: 32 }),
            pin: Type.String({ maxLength: 32 }),
          }),
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const details = await interactionOrNull(request, reply);
        if (!details) return sendExpired(request, reply);
        const language = languageOf(request, details);
        const t = EID_TEXTS[language];
        const { personalNumber: rawNumber, pin } = request.body as { personalNumber: string; pin: string };
        const personalNumber = rawNumber.trim();
        const again = (code: number, error: string) =>
          sendLoginPage(reply.code(code), details.uid, language, { error, personalNumber });
        if (!config.demo) {
          request.log.warn({ event: 'eid.login.refused' }, 'demo eID login refused in production');
          return again(403, t.demoDisabled);
        }
        const problem = checkEgn(personalNumber);
        if (problem) {
          request.log.info({ event: 'eid.login.invalid', problem }, 'malformed personal number');
          return again(400, t.invalidPersonalNumber);
        }
        // Counted per personal number, known or not: an unknown number and a wrong PIN get the
        // same answers, by the same path (the register is asked only once the PIN is right).
        const gate = await attempts.gate(personalNumber);
        if (!gate.allowed) {
          request.log.info({ event: 'eid.login.locked' }, 'PIN attempts paused for this personal number');
          return again(429, lockedMessage(t, gate.lockedUntil));
        }
        const person = pinMatches(pin, config.demoPin) ? await directory.find(personalNumber) : undefined;
        if (!person || person.deceased) {
          request.log.info({ event: 'eid.login.failed' }, 'unknown person or wrong PIN');
          const lockedUntil = await attempts.fail(personalNumber);
          return again(
            401,
            lockedUntil ? `${t.wrongCredentials} ${lockedMessage(t, lockedUntil)}` : t.wrongCredentials,
          );
        }
        await attempts.succeed(personalNumber);
        await signIns.record(person);
        request.log.info({ event: 'eid.login.succeeded' }, 'demo eID login');
        const redirectTo = await provider.interactionResult(
          request.raw,
          reply.raw,
          { login: { accountId: personalNumber, amr: PIN_AMR, acr: LOA_SUBSTANTIAL } },
          { mergeWithLastSubmission: false },
        );
        return reply.redirect(redirectTo, 303);
      },
    );

    pages.post(
      '/interaction/:uid/abort',
      { schema: { hide: true, params: Type.Object({ uid: Type.String({ maxLength: 64 }) }) } },
      async (request, reply) => {
        const details = await interactionOrNull(request, reply);
        if (!details) return sendExpired(request, reply);
        const redirectTo = await provider.interactionResult(request.raw, reply.raw, {
          error: 'access_denied',
          error_description: 'The citizen cancelled the sign-in.',
        });
        return reply.redirect(redirectTo, 303);
      },
    );

    async function interactionOrNull(request: FastifyRequest, reply: FastifyReply) {
      try {
        return await provider.interactionDetails(request.raw, reply.raw);
      } catch {
        return null;
      }
    }

    /** The relying party's `ui_locales` (the web app sends its language), else the browser's. */
    function languageOf(request: FastifyRequest, details?: { params: Record<string, unknown> }): EidLanguage {
      return eidLanguage({
        uiLocales: details?.params.ui_locales,
        acceptLanguage: request.headers['accept-language'],
      });
    }

    function sendExpired(request: FastifyRequest, reply: FastifyReply) {
      const language = languageOf(request);
      const t = EID_TEXTS[language];
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(
          renderEidPage({
            language,
            title: t.expiredTitle,
            body: `<p role="alert" class="error">${escapeHtml(t.expired)}</p><p><a href="/">${escapeHtml(t.backToCivitas)}</a></p>`,
          }),
        );
    }

    async function sendLoginPage(
      reply: FastifyReply,
      uid: string,
      language: EidLanguage,
      { error, personalNumber = '' }: { error?: string; personalNumber?: string } = {},
    ) {
      const t = EID_TEXTS[language];
      const demoAccounts = config.demo ? await listDemoAccounts(db) : [];
      const demoTable = demoAccounts.length
        ? `<h2>${escapeHtml(t.demoAccounts)}</h2><p class="hint">${escapeHtml(t.demoPin)}: <strong>${escapeHtml(config.demoPin)}</strong></p>
          <table><thead><tr><th scope="col">${escapeHtml(t.columns.role)}</th><th scope="col">${escapeHtml(t.columns.personalNumber)}</th><th scope="col">${escapeHtml(t.columns.name)}</th></tr></thead><tbody>
          ${demoAccounts
            .map(
              (account) =>
                `<tr><td>${escapeHtml(t.roles[account.role])}</td><td>${escapeHtml(account.personalNumber)}</td><td>${escapeHtml(t.latinNames ? account.nameLatin : account.name)}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : '';
      const action = `/interaction/${encodeURIComponent(uid)}`;
      // After a refusal the personal number stays, and the PIN (the field to fix) has the focus.
      const numberFocus = personalNumber ? '' : ' autofocus';
      const pinFocus = personalNumber ? ' autofocus' : '';
      return reply.type('text/html; charset=utf-8').send(
        renderEidPage({
          language,
          title: t.signInTitle,
          body: `${error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : ''}
          <form method="post" action="${action}/login" autocomplete="off">
            <label>${escapeHtml(t.personalNumber)}<input name="personalNumber" inputmode="numeric" maxlength="10" required value="${escapeHtml(personalNumber)}"${numberFocus}></label>
            <label>${escapeHtml(t.pin)}<input name="pin" type="password" inputmode="numeric" maxlength="8" required${pinFocus}></label>
            <button class="primary" type="submit">${escapeHtml(t.signIn)}</button>
          </form>
          <form method="post" action="${action}/abort"><button type="submit">${escapeHtml(t.cancel)}</button></form>
          ${demoTable}`,
        }),
      );
    }
  });

  /** For `civitas token` while the server holds the embedded database: loopback callers only. */
  app.post(
    '/api/demo/tokens',
    {
      // Demo only and from this machine only: the handler checks both.
      config: { access: 'public' },
      schema: {
        hide: true,
        body: Type.Object(
          { personalNumber: Type.String({ maxLength: 32 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ accessToken: Type.String(), tokenType: Type.Literal('Bearer') }) },
      },
    },
    async (request) => {
      if (!config.demo) throw new AppError('demo-disabled');
      // The client's address as a configured proxy reports it: a proxy on this machine does not
      // make every client behind it local.
      if (!isLoopback(request.socket.remoteAddress) || !isLoopback(request.ip))
        throw new AppError('demo-disabled', 'Only from this machine.');
      const { personalNumber } = request.body as { personalNumber: string };
      const accessToken = await issueDemoToken(db, options.keys, config, directory, personalNumber);
      return { accessToken, tokenType: 'Bearer' as const };
    },
  );

  app.get(
    '/api/demo/accounts',
    {
      config: { access: 'public' },
      schema: {
        tags: ['demo'],
        summary: 'The demo accounts, one per role (not in production)',
        response: {
          200: Type.Array(
            Type.Object({
              role: Type.String(),
              personalNumber: Type.String(),
              name: Type.String(),
              nameLatin: Type.String(),
              organisation: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
        },
      },
    },
    async () => {
      if (!config.demo) throw new AppError('demo-disabled');
      return listDemoAccounts(db);
    },
  );
}

/**
 * The eID node builds its endpoints' URLs (discovery, redirects, form actions) from the request's
 * host and scheme. They are always the configured public URL's: never a Host or X-Forwarded-Host
 * a client chose. The client address is Fastify's, which believes X-Forwarded-For only from the
 * configured proxies.
 */
function pinToPublicUrl(headers: IncomingHttpHeaders, publicUrl: URL, clientIp: string): void {
  delete headers['x-forwarded-host'];
  delete headers.forwarded;
  headers.host = publicUrl.host;
  headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
  headers['x-forwarded-for'] = clientIp;
}

function lockedMessage(t: EidTexts, until: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return t.tooManyAttempts.replace('{minutes}', String(minutes));
}

/** Compared as digests: no early exit that would tell how much of the PIN was right. */
function pinMatches(given: string, expected: string): boolean {
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** A scripting token for a seeded person; refused in production and for unknown or deceased persons. */
export async function issueDemoToken(
  connection: Connection,
  keys: IdentityKeys,
  config: Config,
  directory: PersonDirectory,
  personalNumber: string,
): Promise<string> {
  const db = tablesOf<IdentityTables>(connection);
  if (!config.demo) throw new AppError('demo-disabled');
  const problem = checkEgn(personalNumber);
  if (problem)
    throw new AppError('invalid-personal-number', `The personal number is not valid (${problem}).`);
  const person = await directory.find(personalNumber);
  if (!person || person.deceased) throw new AppError('person-not-found');
  const roles = await rolesOf(db, personalNumber, config.demo);
  return issueScriptingToken(keys, eidIssuer(config.publicUrl), personalNumber, roles);
}

/** The identity context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const identityPlugin = fp(identityRoutes, {
  name: 'identity',
  dependencies: ['route-access'],
  encapsulate: true,
});
