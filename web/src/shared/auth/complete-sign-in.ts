import * as oauth from 'oauth4webapi';
import { discoverAuthorizationServer } from './authorization-server.ts';
import { deleteDpopKeys, dpopHandle } from './dpop-key.ts';
import { oidcSettings } from './oidc-settings.ts';
import { takePendingAuthorization } from './pending-authorization.ts';
import { type AuthSession, sessionFromTokenResponse } from './session.ts';
import { SignInError } from './sign-in-failure.ts';

const completions = new Map<string, Promise<AuthSession>>();

/**
 * Completes sign-in from the callback URL. Memoised per URL because the code is single-use and
 * React may run the effect that calls this twice (StrictMode, remounts).
 */
export function completeSignIn(callbackUrl: string): Promise<AuthSession> {
  let completion = completions.get(callbackUrl);
  if (!completion) {
    completion = exchangeCode(new URL(callbackUrl));
    completions.set(callbackUrl, completion);
  }
  return completion;
}

async function exchangeCode(callbackUrl: URL): Promise<AuthSession> {
  const pending = takePendingAuthorization();
  // Without the pending state we cannot tell our callback from a forged one, so we do not
  // even display an error_description it carries.
  if (!pending) throw new SignInError('stale');

  const settings = oidcSettings(callbackUrl.origin);
  const server = await discoverAuthorizationServer(settings);
  // Checks state (and iss, RFC 9207); an error response becomes AuthorizationResponseError.
  const parameters = oauth.validateAuthResponse(server, settings.client, callbackUrl, pending.state);
  // The key the sign-in started with: the code is bound to it, and the tokens will be.
  const DPoP = await dpopHandle(pending.dpopKeyId);
  if (!DPoP) throw new SignInError('stale');
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    settings.client,
    oauth.None(),
    parameters,
    settings.redirectUri,
    pending.codeVerifier,
    { DPoP, [oauth.allowInsecureRequests]: settings.allowHttp },
  );
  // Validates the ID token's issuer, audience, expiry and nonce.
  const tokens = await oauth.processAuthorizationCodeResponse(server, settings.client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  // Only a sender-constrained token is accepted: a plain bearer token would work for whoever took it.
  if (tokens.token_type.toLowerCase() !== 'dpop') throw new SignInError('invalid');
  // Keys of earlier, abandoned sign-ins are of no use any more.
  await deleteDpopKeys({ except: pending.dpopKeyId });
  return sessionFromTokenResponse(tokens, Date.now(), server.end_session_endpoint, pending.dpopKeyId);
}
