import * as oauth from 'oauth4webapi';
import { discoverAuthorizationServer } from './authorization-server.ts';
import { authorizationUrl } from './authorization-url.ts';
import { oidcSettings } from './oidc-settings.ts';
import { savePendingAuthorization } from './pending-authorization.ts';

/** Sends the browser to the eID node's login page. Rejects only if the node cannot be reached. */
export async function startSignIn(uiLocale: string): Promise<void> {
  const settings = oidcSettings(location.origin);
  const server = await discoverAuthorizationServer(settings);
  const pending = {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    codeVerifier: oauth.generateRandomCodeVerifier(),
  };
  const codeChallenge = await oauth.calculatePKCECodeChallenge(pending.codeVerifier);
  const url = authorizationUrl(server, settings, pending, codeChallenge, uiLocale);
  savePendingAuthorization(pending);
  location.assign(url);
}
