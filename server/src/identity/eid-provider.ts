import { CREDENTIAL_CONFIGURATIONS, credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import Provider, {
  type AuthorizationDetail,
  type ClientMetadata,
  type Configuration,
  type FindAccount,
  type Grant,
  type KoaContextWithOIDC,
  errors as oidcErrors,
  interactionPolicy as oidcInteractionPolicy,
  type RichAuthorizationRequestsActiveConfiguration,
} from 'oidc-provider';
import type { Connection } from '../db/index.ts';
import type { Config } from '../kernel/index.ts';
import { rolesOf } from './demo-accounts.ts';
import { escapeHtml, renderEidPage } from './eid-pages.ts';
import { EID_LANGUAGES, EID_TEXTS, eidLanguage } from './eid-texts.ts';
import type { IdentityKeys } from './keys.ts';
import { oidcAdapterFactory, rememberIssuedAccessToken } from './oidc-adapter.ts';
import { ACR_VALUES, PIN_ASSURANCE } from './passkeys-assurance.ts';
import type { SignIns } from './sign-ins.ts';
import { grantedSmartScopes, SMART_OIDC_SCOPES, SMART_RESOURCE_SCOPES, type SmartLaunch } from './smart.ts';
import { ACCESS_TOKEN_TTL_S, API_AUDIENCE, eidIssuer } from './tokens.ts';

export const WEB_CLIENT_ID = 'civitas-web';
/**
 * A third-party SMART on FHIR app (outside production): a public client doing a standalone
 * launch with PKCE (and PAR, as every client here) against the health record's FHIR API.
 */
export const SMART_DEMO_CLIENT_ID = 'civitas-smart-demo';
export const SMART_DEMO_REDIRECT_URI = 'http://localhost:8765/callback';
const SCOPES = 'openid profile';
/** The wallet's credential scopes (OpenID4VCI), granted for the credential issuer's resource only. */
const CREDENTIAL_SCOPES = CREDENTIAL_CONFIGURATIONS.map((configuration) => configuration.scope);
export const PROFILE_CLAIMS = ['name', 'given_name', 'middle_name', 'family_name', 'birthdate', 'gender'];

/**
 * eIDAS levels of assurance (Implementing Regulation (EU) 2015/1502) as the URIs eIDAS nodes
 * use. A PIN sign-in with the national eID is "substantial"; a passkey gives at most the level
 * it was registered at (see passkeys-assurance.ts); only what is issued is advertised.
 */
export { LOA_LOW, LOA_SUBSTANTIAL } from '@civitas/contracts/api/passkeys.ts';
/** How the person proved who they are (RFC 8176): a PIN. */
export const PIN_AMR = PIN_ASSURANCE.amr;

export const SESSION_TTL_S = 8 * 3600;

/**
 * The national eID node, an OpenID Connect provider (oidc-provider, OpenID Certified), in the
 * manner of FAPI 2.0: authorization code only, PKCE (S256) and pushed authorization requests
 * required, access tokens sender-constrained with DPoP (RFC 9449), ES256 only, no client
 * secrets. Access tokens are RFC 9068 JWTs for the Civitas API; ID tokens carry the eIDAS
 * level of assurance (`acr`), the method (`amr`) and the time of the sign-in (`auth_time`).
 */
export function createEidProvider(
  connection: Connection,
  keys: IdentityKeys,
  config: Config,
  signIns: SignIns,
  /** The health record's answer to who a person is in it (SMART `patient`, `fhirUser`). */
  smartLaunch?: SmartLaunch,
): Provider {
  const configuration: Configuration = {
    adapter: oidcAdapterFactory(connection),
    clients: [webClient(config.publicUrl), ...(config.production ? [] : [smartDemoClient()])],
    ...protocol(),
    ...keyMaterial(keys, config.production),
    ...claimSets(),
    // The web app is served from the eID node's own origin: no other origin may call it.
    clientBasedCORS: (_ctx, origin) => origin === new URL(config.publicUrl).origin,
    findAccount: accountFinder(connection, config, signIns, smartLaunch),
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
      policy: interactionPolicy(),
    },
    features: {
      ...features(config.publicUrl),
      richAuthorizationRequests: credentialAuthorizationDetails(config.publicUrl),
    } as Configuration['features'],
    formats: tokenFormats(connection),
    extraTokenClaims: async (ctx, token) => {
      if (!('accountId' in token) || !token.accountId) return undefined;
      return { roles: await rolesOf(connection, token.accountId, config.demo), ...howSignedIn(ctx) };
    },
    loadExistingGrant: (ctx) => firstPartyGrant(ctx, connection, config),
    pkce: { required: () => true },
    ttl: lifetimes(),
    renderError: errorPage,
    // The eID pages speak what the web app does; it asks with ui_locales.
    discovery: { ui_locales_supported: [...EID_LANGUAGES] },
  };
  const provider = new Provider(eidIssuer(config.publicUrl), configuration);
  // Host, X-Forwarded-Proto and X-Forwarded-For reach it rewritten by the identity plugin (the
  // public URL's host and scheme, the client address Fastify established): safe to believe.
  provider.proxy = true;
  provider.use(async (ctx, next) => {
    await next();
    // oidc-provider lists every response mode it knows; the only one allowed is `query`.
    if (ctx.oidc?.route === 'discovery' && ctx.body && typeof ctx.body === 'object') {
      (ctx.body as Record<string, unknown>).response_modes_supported = ['query'];
    }
    // SMART App Launch: the token response names the patient in context and who the user is.
    if (ctx.oidc?.route === 'token' && smartLaunch && ctx.body && typeof ctx.body === 'object') {
      await addLaunchContext(
        ctx as unknown as KoaContextWithOIDC,
        ctx.body as Record<string, unknown>,
        connection,
        config,
        smartLaunch,
      );
    }
  });
  return provider;
}

/** Civitas' web app, the one client. */
function webClient(publicUrl: string): ClientMetadata {
  return {
    client_id: WEB_CLIENT_ID,
    client_name: 'Civitas',
    application_type: 'web',
    // A public client (a browser app cannot keep a secret): PKCE, PAR and DPoP instead.
    token_endpoint_auth_method: 'none',
    id_token_signed_response_alg: 'ES256',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    response_modes: ['query'],
    redirect_uris: [`${publicUrl}/callback`, `${publicUrl}/wallet/callback`],
    // The wallet in the app asks for credentials (OpenID4VCI) with RFC 9396 authorization details.
    authorization_details_types: ['openid_credential'],
    post_logout_redirect_uris: [`${publicUrl}/`],
    require_pushed_authorization_requests: true,
    dpop_bound_access_tokens: true,
    require_auth_time: true,
    // Every sign-in asks for the PIN: an eID session left behind (a shared computer, a
    // sign-out abandoned half-way) never signs the next person in by itself.
    default_max_age: 0,
  };
}

/** The demo third-party SMART app: a public client, PKCE and PAR, plain bearer tokens. */
function smartDemoClient(): ClientMetadata {
  return {
    client_id: SMART_DEMO_CLIENT_ID,
    client_name: 'SMART on FHIR demo app',
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    id_token_signed_response_alg: 'ES256',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    response_modes: ['query'],
    redirect_uris: [SMART_DEMO_REDIRECT_URI],
    require_pushed_authorization_requests: true,
    require_auth_time: true,
    default_max_age: 0,
  };
}

/** `patient` (with `launch/patient`) and `fhirUser` (with `fhirUser`) in the token response. */
async function addLaunchContext(
  ctx: KoaContextWithOIDC,
  body: Record<string, unknown>,
  connection: Connection,
  config: Config,
  smartLaunch: SmartLaunch,
): Promise<void> {
  const code = ctx.oidc.entities.AuthorizationCode;
  // The code carries every scope granted (the access token's `scope` only the API's).
  const scopes = String(code?.scope ?? '').split(' ');
  const launchScopes = SMART_OIDC_SCOPES.filter((scope) => scopes.includes(scope));
  const accountId = code?.accountId;
  if (launchScopes.length === 0 || !accountId || typeof body.access_token !== 'string') return;
  const listed = typeof body.scope === 'string' ? body.scope.split(' ') : [];
  body.scope = [...listed, ...launchScopes.filter((scope) => !listed.includes(scope))].join(' ');
  const launch = await smartLaunch(accountId, await rolesOf(connection, accountId, config.demo));
  if (scopes.includes('launch/patient') && launch.patient) body.patient = launch.patient;
  if (scopes.includes('fhirUser') && launch.fhirUser) body.fhirUser = launch.fhirUser;
}

/** The FAPI 2.0 profile: the code flow only, no client secrets, ES256 only, eIDAS "substantial". */
function protocol(): Pick<Configuration, 'responseTypes' | 'clientAuthMethods' | 'acrValues' | 'enabledJWA'> {
  return {
    responseTypes: ['code'],
    clientAuthMethods: ['none'],
    acrValues: [...ACR_VALUES],
    enabledJWA: {
      idTokenSigningAlgValues: ['ES256'],
      dPoPSigningAlgValues: ['ES256'],
    },
  };
}

/**
 * The access token says how its session began, as the ID token does (`acr`, `amr`, from the
 * authorization code): the API asks for a PIN sign-in before it registers a passkey.
 */
function howSignedIn(ctx: KoaContextWithOIDC): { acr?: string; amr?: string[] } {
  const code = ctx.oidc.entities.AuthorizationCode;
  if (!code) return {};
  return { ...(code.acr && { acr: code.acr }), ...(code.amr && { amr: code.amr }) };
}

function keyMaterial(keys: IdentityKeys, production: boolean): Pick<Configuration, 'jwks' | 'cookies'> {
  return {
    jwks: { keys: [keys.signingJwk] },
    // Secure in production whatever the connection says (the eID node's scheme is the public URL's).
    cookies: {
      keys: keys.cookieKeys,
      long: { signed: true, secure: production },
      short: { signed: true, secure: production },
    },
  };
}

function claimSets(): Pick<Configuration, 'scopes' | 'claims' | 'conformIdTokenClaims'> {
  return {
    scopes: ['openid', 'profile', ...SMART_OIDC_SCOPES],
    claims: {
      // The ID token says how the person signed in: eIDAS level, method and time.
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      profile: [...PROFILE_CLAIMS, 'roles'],
      // SMART on FHIR: who the person is in the health record (`Patient/…` or `Practitioner/…`).
      fhirUser: ['fhirUser'],
    },
    conformIdTokenClaims: false,
  };
}

/**
 * The claims come from the copy made when the person signed in: issuing a token or an ID
 * token reads no register (and logs no access) again. No sign-in on record: no account.
 */
function accountFinder(
  connection: Connection,
  config: Config,
  signIns: SignIns,
  smartLaunch: SmartLaunch | undefined,
): FindAccount {
  return async (_ctx, sub) => {
    const claims = await signIns.claimsOf(sub);
    if (!claims) return undefined;
    return {
      accountId: sub,
      async claims(_use, scope) {
        const roles = await rolesOf(connection, sub, config.demo);
        const fhirUser =
          smartLaunch && scope.split(' ').includes('fhirUser')
            ? (await smartLaunch(sub, roles)).fhirUser
            : undefined;
        return { sub, ...claims, roles, ...(fhirUser && { fhirUser }) };
      },
    };
  };
}

function features(credentialIssuer: string): Configuration['features'] {
  return {
    devInteractions: { enabled: false },
    pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: true },
    dPoP: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: signOutPage,
      postLogoutSuccessSource: signedOutPage,
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => API_AUDIENCE,
      useGrantedResource: () => true,
      getResourceServerInfo(_ctx, resourceIndicator) {
        if (resourceIndicator === credentialIssuer) {
          // The wallet's credential issuer (OpenID4VCI): its tokens carry the granted credentials.
          return {
            scope: CREDENTIAL_SCOPES.join(' '),
            audience: credentialIssuer,
            accessTokenTTL: ACCESS_TOKEN_TTL_S,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        }
        if (resourceIndicator !== API_AUDIENCE) throw new oidcErrors.InvalidTarget();
        return {
          scope: [SCOPES, ...SMART_RESOURCE_SCOPES].join(' '),
          audience: API_AUDIENCE,
          accessTokenTTL: ACCESS_TOKEN_TTL_S,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        };
      },
    },
  };
}

function tokenFormats(connection: Connection): Configuration['formats'] {
  return {
    customizers: {
      // oidc-provider does not store JWT access tokens; the node keeps a record of each, so
      // that the API can tell a revoked one (signing out deletes the grant's records).
      async jwt(_ctx, token) {
        await rememberIssuedAccessToken(connection, token);
      },
    },
  };
}

/**
 * Civitas' own app is first party: the citizen is not asked to consent to it separately. Its
 * wallet's credentials (the credential issuer's resource, the `openid_credential` details) are
 * granted as asked: the eID sign-in that follows is the citizen's consent, and the issuer shows
 * what it will store before the wallet keeps it.
 */
async function firstPartyGrant(
  ctx: KoaContextWithOIDC,
  connection: Connection,
  config: Config,
): Promise<Grant | undefined> {
  const credentialIssuer = config.publicUrl;
  const clientId = ctx.oidc.client!.clientId;
  const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(clientId);
  const smartClient = clientId === WEB_CLIENT_ID || clientId === SMART_DEMO_CLIENT_ID;
  if (grantId && !smartClient) return ctx.oidc.provider.Grant.find(grantId);
  if (!smartClient) return undefined;
  const accountId = ctx.oidc.session!.accountId!;
  const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
  if (grantId && !existing) return undefined;
  const grant = existing ?? new ctx.oidc.provider.Grant({ clientId, accountId });
  const smart = await grantSmartScopes(ctx, grant, connection, accountId, config.demo);
  const credentials = clientId === WEB_CLIENT_ID && grantCredentials(ctx, grant, credentialIssuer);
  if (!existing || smart || credentials) await grant.save();
  return grant;
}

/**
 * `openid profile`, and the SMART scopes asked for that the person's roles allow; the others are
 * dropped from the grant (recorded as refused, so the app is not asked to consent to them).
 * The demo SMART app's grant is the sign-in itself: the demo has no consent page.
 */
async function grantSmartScopes(
  ctx: KoaContextWithOIDC,
  grant: Grant,
  connection: Connection,
  accountId: string,
  includeDemo: boolean,
): Promise<true> {
  const requested = String(ctx.oidc.params?.scope ?? SCOPES)
    .split(' ')
    .filter(Boolean);
  const roles = await rolesOf(connection, accountId, includeDemo);
  const smart = grantedSmartScopes(requested, roles);
  grant.addOIDCScope([SCOPES, ...smart.oidc].join(' '));
  grant.addResourceScope(API_AUDIENCE, [SCOPES, ...smart.resource].join(' '));
  const refusedOidc = SMART_OIDC_SCOPES.filter(
    (scope) => requested.includes(scope) && !smart.oidc.includes(scope),
  );
  if (refusedOidc.length > 0) grant.rejectOIDCScope(refusedOidc.join(' '));
  const refused = requested.filter(
    (scope) => SMART_RESOURCE_SCOPES.includes(scope) && !smart.resource.includes(scope),
  );
  if (refused.length > 0) grant.rejectResourceScope(API_AUDIENCE, refused.join(' '));
  return true;
}

/**
 * The default prompts, less consent's `rar_prompt`: the app is first party, and the credentials'
 * authorization details are granted with the sign-in (`grantCredentials`, `authorizationDetailsForGrantSource`).
 */
function interactionPolicy() {
  const policy = oidcInteractionPolicy.base();
  policy.get('consent')?.checks.remove('rar_prompt');
  return policy;
}

/** The credential issuer's resource and scopes a request asks for, added to the grant; false if none. */
function grantCredentials(ctx: KoaContextWithOIDC, grant: Grant, credentialIssuer: string): boolean {
  const params = ctx.oidc.params ?? {};
  const resources = [params.resource].flat().filter(Boolean);
  if (!resources.includes(credentialIssuer)) return false;
  const requested = String(params.scope ?? '').split(' ');
  const scopes = CREDENTIAL_SCOPES.filter((scope) => requested.includes(scope));
  grant.addResourceScope(credentialIssuer, ['openid', ...scopes].join(' '));
  return true;
}

/** The `openid_credential` details of this request (checked by `validate` when it was pushed). */
function requestedDetails(ctx: KoaContextWithOIDC): AuthorizationDetail[] | undefined {
  const raw = ctx.oidc.params?.authorization_details;
  return typeof raw === 'string' ? (JSON.parse(raw) as AuthorizationDetail[]) : undefined;
}

/**
 * RFC 9396 authorization details of type `openid_credential` (OpenID4VCI 1.0 §5.1.1): a
 * credential configuration of the catalogue, carried from the grant to the code and into the
 * access token for the credential issuer (its `authorization_details` claim), nowhere else.
 */
function credentialAuthorizationDetails(
  credentialIssuer: string,
): RichAuthorizationRequestsActiveConfiguration {
  return {
    enabled: true,
    types: {
      openid_credential: {
        async validate(_ctx: KoaContextWithOIDC, detail: AuthorizationDetail) {
          const id = detail.credential_configuration_id;
          if (typeof id !== 'string' || !credentialConfiguration(id))
            throw new oidcErrors.InvalidAuthorizationDetails('unknown credential_configuration_id');
        },
      },
    },
    authorizationDetailsForGrantSource: async (ctx: KoaContextWithOIDC) => requestedDetails(ctx),
    authorizationDetailsForAccessToken: async (
      _ctx: KoaContextWithOIDC,
      token: { aud?: unknown },
      source: unknown,
    ) =>
      [token.aud].flat().includes(credentialIssuer)
        ? (source as { rar?: AuthorizationDetail[] }).rar
        : undefined,
    authorizationDetailsForIntrospection: async (_ctx: KoaContextWithOIDC, token: unknown) =>
      (token as { rar?: AuthorizationDetail[] }).rar,
  } as RichAuthorizationRequestsActiveConfiguration;
}

function lifetimes(): Configuration['ttl'] {
  return {
    AccessToken: ACCESS_TOKEN_TTL_S,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 600,
    PushedAuthorizationRequest: 60,
    Session: SESSION_TTL_S,
    Grant: SESSION_TTL_S,
  };
}

const errorPage: NonNullable<Configuration['renderError']> = async (ctx, out) => {
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
};

type LogoutSource = NonNullable<
  NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>['logoutSource']
>;

/**
 * Ending the eID session. Asked by Civitas' own app with the ID token of the person signed in
 * here, it needs no second confirmation: the page submits itself (one small script, and a
 * button when scripts are off). Anyone else (a link without a matching ID token) is asked.
 */
const signOutPage: LogoutSource = async (ctx) => {
  const { session, client, entities } = ctx.oidc;
  const hint = (entities as { IdTokenHint?: { payload: { sub?: unknown } } }).IdTokenHint;
  const ownApp =
    client?.clientId === WEB_CLIENT_ID && hint !== undefined && hint.payload.sub === session?.accountId;
  const action = ctx.oidc.urlFor('end_session_confirm');
  const secret = (session?.state as { secret?: string } | undefined)?.secret ?? '';
  const language = pageLanguage(ctx);
  const t = EID_TEXTS[language];
  ctx.type = 'html';
  ctx.body = renderEidPage({
    language,
    title: ownApp ? t.signingOutTitle : t.signOutTitle,
    body: `<form method="post" action="${escapeHtml(action)}"${ownApp ? ' data-auto-submit' : ''}>
      <input type="hidden" name="xsrf" value="${escapeHtml(secret)}">
      <input type="hidden" name="logout" value="yes">
      <p>${escapeHtml(ownApp ? t.signingOut : t.signOutQuestion)}</p>
      <button class="primary" type="submit">${escapeHtml(t.signOut)}</button>
    </form>`,
    script: ownApp ? '/interaction/eid-submit.js' : undefined,
  });
};

type PostLogoutSuccessSource = NonNullable<
  NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>['postLogoutSuccessSource']
>;

const signedOutPage: PostLogoutSuccessSource = async (ctx) => {
  const language = pageLanguage(ctx);
  const t = EID_TEXTS[language];
  ctx.type = 'html';
  ctx.body = renderEidPage({
    language,
    title: t.signedOutTitle,
    body: `<p>${escapeHtml(t.signedOut)}</p>`,
  });
};

/** The language of a page the provider renders itself: the request's `ui_locales`, else the browser's. */
function pageLanguage(ctx: { oidc?: { params?: Record<string, unknown> }; get(field: string): string }) {
  return eidLanguage({ uiLocales: ctx.oidc?.params?.ui_locales, acceptLanguage: ctx.get('accept-language') });
}
