import type * as oauth from 'oauth4webapi';
import { CLIENT_ID, type OidcSettings, SCOPE } from './oidc-settings.ts';
import type { PendingAuthorization } from './pending-authorization.ts';

export function authorizationUrl(
  server: oauth.AuthorizationServer,
  settings: OidcSettings,
  pending: PendingAuthorization,
  codeChallenge: string,
  uiLocale: string,
): URL {
  if (!server.authorization_endpoint)
    throw new Error('the eID node does not publish an authorization endpoint');
  const url = new URL(server.authorization_endpoint);
  url.searchParams.set('client_id', CLIENT_ID);
  url.searchParams.set('redirect_uri', settings.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', SCOPE);
  url.searchParams.set('code_challenge', codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  // The eID login page can then greet the person in the language they were already using.
  url.searchParams.set('ui_locales', uiLocale);
  return url;
}
