import type { Kysely } from 'kysely';
import Provider, { type Configuration, errors as oidcErrors } from 'oidc-provider';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { rolesOf } from './demo-accounts.ts';
import { escapeHtml, renderEidPage } from './eid-pages.ts';
import { EID_LANGUAGES, EID_TEXTS, eidLanguage } from './eid-texts.ts';
import type { IdentityKeys } from './keys.ts';
import { oidcAdapterFactory } from './oidc-adapter.ts';
import type { PersonDirectory } from './person-directory.ts';
import { ACCESS_TOKEN_TTL_S, API_AUDIENCE, eidIssuer } from './tokens.ts';

export const WEB_CLIENT_ID = 'civitas-web';
const SCOPES = 'openid profile';

/**
 * The national eID node, an OpenID Connect provider (oidc-provider, OpenID Certified).
 * Authorization code flow with PKCE; access tokens are RFC 9068 JWTs for the Civitas API.
 */
export function createEidProvider(
  db: Kysely<Database>,
  keys: IdentityKeys,
  config: Config,
  directory: PersonDirectory,
): Provider {
  const configuration: Configuration = {
    adapter: oidcAdapterFactory(db),
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        client_name: 'Civitas',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        id_token_signed_response_alg: 'ES256',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${config.publicUrl}/callback`],
        post_logout_redirect_uris: [`${config.publicUrl}/`],
      },
    ],
    jwks: { keys: [keys.signingJwk] },
    cookies: { keys: keys.cookieKeys, long: { signed: true }, short: { signed: true } },
    scopes: ['openid', 'profile'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'middle_name', 'family_name', 'birthdate', 'gender', 'roles'],
    },
    conformIdTokenClaims: false,
    // The web app is served from the eID node's own origin: no other origin may call it.
    clientBasedCORS: (_ctx, origin) => origin === new URL(config.publicUrl).origin,
    async findAccount(_ctx, sub) {
      const person = await directory.find(sub);
      if (!person || person.deceased) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            name: `${person.givenNameLatin} ${person.familyNameLatin}`,
            given_name: person.givenNameLatin,
            middle_name: person.fatherNameLatin,
            family_name: person.familyNameLatin,
            birthdate: person.birthDate,
            gender: person.sex === 'F' ? 'female' : 'male',
            roles: await rolesOf(db, sub, config.demo),
          };
        },
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          const language = pageLanguage(ctx);
          const t = EID_TEXTS[language];
          ctx.type = 'html';
          ctx.body = renderEidPage({
            language,
            title: t.signOutTitle,
            body: `<p>${escapeHtml(t.signOutQuestion)}</p>${form}
              <button class="primary" type="submit" form="op.logoutForm" value="yes" name="logout">${escapeHtml(t.signOut)}</button>`,
          });
        },
        async postLogoutSuccessSource(ctx) {
          const language = pageLanguage(ctx);
          const t = EID_TEXTS[language];
          ctx.type = 'html';
          ctx.body = renderEidPage({
            language,
            title: t.signedOutTitle,
            body: `<p>${escapeHtml(t.signedOut)}</p>`,
          });
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resourceIndicator) {
          if (resourceIndicator !== API_AUDIENCE) throw new oidcErrors.InvalidTarget();
          return {
            scope: SCOPES,
            audience: API_AUDIENCE,
            accessTokenTTL: ACCESS_TOKEN_TTL_S,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    async extraTokenClaims(_ctx, token) {
      if (!('accountId' in token) || !token.accountId) return undefined;
      return { roles: await rolesOf(db, token.accountId, config.demo) };
    },
    // Civitas' own app is first party: the citizen is not asked to consent to it separately.
    async loadExistingGrant(ctx) {
      const clientId = ctx.oidc.client!.clientId;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (clientId !== WEB_CLIENT_ID) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope(SCOPES);
      grant.addResourceScope(API_AUDIENCE, SCOPES);
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_S,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    async renderError(ctx, out) {
      const language = pageLanguage(ctx);
      const t = EID_TEXTS[language];
      ctx.type = 'html';
      const message = [out.error, out.error_description].filter(Boolean).join(': ');
      ctx.body = renderEidPage({
        language,
        title: t.errorTitle,
        body: `<p role="alert">${escapeHtml(t.error)}</p>
          <p class="hint">${escapeHtml(t.technicalDetail)}: <code lang="en">${escapeHtml(message)}</code></p>
          <p><a href="/">${escapeHtml(t.backToCivitas)}</a></p>`,
      });
    },
    // The eID pages speak what the web app does; it asks with ui_locales.
    discovery: { ui_locales_supported: [...EID_LANGUAGES] },
  };
  const provider = new Provider(eidIssuer(config.publicUrl), configuration);
  provider.proxy = true;
  return provider;
}

/** The language of a page the provider renders itself: the request's `ui_locales`, else the browser's. */
function pageLanguage(ctx: { oidc?: { params?: Record<string, unknown> }; get(field: string): string }) {
  return eidLanguage({ uiLocales: ctx.oidc?.params?.ui_locales, acceptLanguage: ctx.get('accept-language') });
}
