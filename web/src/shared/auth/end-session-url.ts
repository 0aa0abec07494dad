import { CLIENT_ID } from './oidc-settings.ts';
import type { AuthSession } from './session.ts';

/** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), or null if the node does not offer it. */
export function endSessionUrl(session: AuthSession, postLogoutRedirectUri: string): URL | null {
  if (!session.endSessionEndpoint) return null;
  const url = new URL(session.endSessionEndpoint);
  url.searchParams.set('client_id', CLIENT_ID);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
  if (session.idToken) url.searchParams.set('id_token_hint', session.idToken);
  return url;
}
