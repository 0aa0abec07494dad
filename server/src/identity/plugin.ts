import formbody from '@fastify/formbody';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { checkEgn } from '../platform/ids/egn.ts';
import { listDemoAccounts, rolesOf } from './demo-accounts.ts';
import { EID_STYLESHEET, escapeHtml, renderEidPage } from './eid-pages.ts';
import { EID_TEXTS, type EidLanguage, eidLanguage } from './eid-texts.ts';
import type { IdentityKeys } from './keys.ts';
import type { PersonDirectory } from './person-directory.ts';
import { eidIssuer, issueScriptingToken } from './tokens.ts';

export interface IdentityPluginOptions {
  db: Kysely<Database>;
  config: Config;
  keys: IdentityKeys;
  provider: Provider;
  directory: PersonDirectory;
}

const MOUNT = '/oidc';

/** The eID node (OIDC provider and its sign-in pages) and the demo helpers around it. */
export async function identityPlugin(app: FastifyInstance, options: IdentityPluginOptions): Promise<void> {
  const { provider, db, config } = options;
  const { directory } = options;

  await app.register(async (oidc) => {
    // oidc-provider reads request bodies itself: leave the stream untouched.
    oidc.removeAllContentTypeParsers();
    oidc.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const callback = provider.callback();
    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      const raw = request.raw as typeof request.raw & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(MOUNT.length) || '/';
      await callback(raw, reply.raw);
    };
    oidc.all(MOUNT, { schema: { hide: true } }, forward);
    oidc.all(`${MOUNT}/*`, { schema: { hide: true } }, forward);
  });

  await app.register(async (pages) => {
    await pages.register(formbody, { bodyLimit: 4096 });

    pages.get('/interaction/eid.css', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(EID_STYLESHEET),
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
        if (!config.demo) {
          request.log.warn({ event: 'eid.login.refused' }, 'demo eID login refused in production');
          return sendLoginPage(reply.code(403), details.uid, language, t.demoDisabled);
        }
        const problem = checkEgn(personalNumber);
        if (problem) {
          request.log.info({ event: 'eid.login.invalid', problem }, 'malformed personal number');
          return sendLoginPage(reply.code(400), details.uid, language, t.invalidPersonalNumber);
        }
        const person = await directory.find(personalNumber);
        if (!person || person.deceased || pin !== config.demoPin) {
          request.log.info({ event: 'eid.login.failed' }, 'unknown person or wrong PIN');
          return sendLoginPage(reply.code(401), details.uid, language, t.wrongCredentials);
        }
        request.log.info({ event: 'eid.login.succeeded' }, 'demo eID login');
        const redirectTo = await provider.interactionResult(
          request.raw,
          reply.raw,
          { login: { accountId: personalNumber, amr: ['pin'], acr: 'urn:civitas:loa:demo' } },
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

    async function sendLoginPage(reply: FastifyReply, uid: string, language: EidLanguage, error?: string) {
      const t = EID_TEXTS[language];
      const demoAccounts = config.demo ? await listDemoAccounts(db, directory) : [];
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
      return reply.type('text/html; charset=utf-8').send(
        renderEidPage({
          language,
          title: t.signInTitle,
          body: `${error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : ''}
          <form method="post" action="${action}/login" autocomplete="off">
            <label>${escapeHtml(t.personalNumber)}<input name="personalNumber" inputmode="numeric" maxlength="10" required autofocus></label>
            <label>${escapeHtml(t.pin)}<input name="pin" type="password" inputmode="numeric" maxlength="8" required></label>
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
      if (!isLoopback(request.socket.remoteAddress))
        throw new AppError('demo-disabled', 'Only from this machine.');
      const { personalNumber } = request.body as { personalNumber: string };
      const accessToken = await issueDemoToken(db, options.keys, config, directory, personalNumber);
      return { accessToken, tokenType: 'Bearer' as const };
    },
  );

  app.get(
    '/api/demo/accounts',
    {
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
      return listDemoAccounts(db, directory);
    },
  );
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** A scripting token for a seeded person; refused in production and for unknown or deceased persons. */
export async function issueDemoToken(
  db: Kysely<Database>,
  keys: IdentityKeys,
  config: Config,
  directory: PersonDirectory,
  personalNumber: string,
): Promise<string> {
  if (!config.demo) throw new AppError('demo-disabled');
  const problem = checkEgn(personalNumber);
  if (problem)
    throw new AppError('invalid-personal-number', `The personal number is not valid (${problem}).`);
  const person = await directory.find(personalNumber);
  if (!person || person.deceased) throw new AppError('person-not-found');
  const roles = await rolesOf(db, personalNumber, config.demo);
  return issueScriptingToken(keys, eidIssuer(config.publicUrl), personalNumber, roles);
}
