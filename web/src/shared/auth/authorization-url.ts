import type * as oauth from 'oauth4webapi';
import { CLIENT_ID, type OidcSettings, SCOPE } from './oidc-settings.ts';
import type { PendingAuthorization } from './pending-authorization.ts';

/**
 * The authorization request, as it is pushed to the eID node (PAR, RFC 9126): it never travels
 * in the browser's address bar, where it could be read or changed.
 */
export function authorizationParameters(
  settings: OidcSettings,
  pending: PendingAuthorization,
  codeChallenge: string,
  uiLocale: string,
): URLSearchParams {
  return new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: settings.redirectUri,
    response_type: 'code',
    scope: SCOPE,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
    // The eID login page can then greet the person in the language they were already using.
    ui_locales: uiLocale,
  });
}

/** Where the browser goes after the push: the authorization endpoint with the pushed request's handle. */
export function authorizationUrl(server: oauth.AuthorizationServer, requestUri: string): URL {
  if (!server.authorization_endpoint)
    throw new Error('the eID node does not publish an authorization endpoint');
  const url = new URL(server.authorization_endpoint);
  url.searchParams.set('client_id', CLIENT_ID);
  url.searchParams.set('request_uri', requestUri);
  return url;
}
