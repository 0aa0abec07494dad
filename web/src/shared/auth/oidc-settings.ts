import type * as oauth from 'oauth4webapi';

/** The registration of this app at the national eID node (a public client: no secret, PKCE instead). */
export const CLIENT_ID = 'civitas-web';
/**
 * OpenID Connect, and SMART on FHIR for the health record: the patient's own record (and their
 * minor children's), a doctor's patients; the eID node grants only what the person's roles allow.
 */
export const SCOPE = 'openid profile fhirUser launch/patient patient/*.rs user/*.cruds';

export interface OidcSettings {
  issuer: URL;
  client: oauth.Client;
  redirectUri: string;
  postLogoutRedirectUri: string;
  /**
   * oauth4webapi refuses plain-http endpoints. The eID node shares the app's origin, so when the
   * app itself runs over http (localhost, the end-to-end tests) nothing extra is exposed by allowing it.
   */
  allowHttp: boolean;
}

export function oidcSettings(origin: string): OidcSettings {
  const issuer = new URL(`${origin}/oidc`);
  return {
    issuer,
    client: { client_id: CLIENT_ID, token_endpoint_auth_method: 'none' },
    redirectUri: `${origin}/callback`,
    postLogoutRedirectUri: `${origin}/`,
    allowHttp: issuer.protocol === 'http:',
  };
}
