import * as oauth from 'oauth4webapi';
import { discoverAuthorizationServer } from './authorization-server.ts';
import { authorizationParameters, authorizationUrl } from './authorization-url.ts';
import { createDpopKey, dpopHandle } from './dpop-key.ts';
import { oidcSettings } from './oidc-settings.ts';
import { savePendingAuthorization } from './pending-authorization.ts';

/**
 * Sends the browser to the eID node's login page: the request is pushed first (PAR) with a
 * DPoP proof of a key made for this sign-in, which binds the code and then the tokens to it.
 * Rejects only if the node cannot be reached or refuses the request.
 */
export async function startSignIn(uiLocale: string): Promise<void> {
  const settings = oidcSettings(location.origin);
  const server = await discoverAuthorizationServer(settings);
  const key = await createDpopKey();
  const pending = {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    codeVerifier: oauth.generateRandomCodeVerifier(),
    dpopKeyId: key.id,
  };
  const codeChallenge = await oauth.calculatePKCECodeChallenge(pending.codeVerifier);
  const DPoP = (await dpopHandle(key.id))!;
  const response = await oauth.pushedAuthorizationRequest(
    server,
    settings.client,
    oauth.None(),
    authorizationParameters(settings, pending, codeChallenge, uiLocale),
    { DPoP, [oauth.allowInsecureRequests]: settings.allowHttp },
  );
  const pushed = await oauth.processPushedAuthorizationResponse(server, settings.client, response);
  savePendingAuthorization(pending);
  location.assign(authorizationUrl(server, pushed.request_uri));
}
