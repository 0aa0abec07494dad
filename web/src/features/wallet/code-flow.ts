/**
 * "Add a document" through the eID (OpenID4VCI 1.0 authorization code flow): a pushed
 * authorization request to the national eID node with PKCE, DPoP, the credential issuer as
 * `resource` and `authorization_details` `openid_credential` for the chosen configuration; back at
 * `/wallet/callback` the code becomes a DPoP-bound token for the issuer, and the copies are
 * requested as for an offer (one new device key and proof each).
 */
import * as oauth from 'oauth4webapi';
import { discoverAuthorizationServer } from '../../shared/auth/authorization-server.ts';
import { authorizationUrl } from '../../shared/auth/authorization-url.ts';
import { createDpopKey, dpopHandle, loadDpopKey } from '../../shared/auth/dpop-key.ts';
import { CLIENT_ID, oidcSettings } from '../../shared/auth/oidc-settings.ts';
import { fetchIssuerMetadata, IssuanceError, issuerName, requestCopies, storeCopies } from './issuance.ts';
import { WALLET_CALLBACK_PATH } from './paths.ts';
import type { OpenWallet, StoredCredential } from './vault.ts';

const PENDING_KEY = 'civitas.wallet.pendingIssuance';

interface PendingIssuance {
  state: string;
  nonce: string;
  codeVerifier: string;
  dpopKeyId: string;
  configurationId: string;
}

export async function startCredentialAuthorization(configurationId: string, uiLocale: string): Promise<void> {
  const settings = oidcSettings(location.origin);
  const server = await discoverAuthorizationServer(settings);
  const key = await createDpopKey();
  const pending: PendingIssuance = {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    codeVerifier: oauth.generateRandomCodeVerifier(),
    dpopKeyId: key.id,
    configurationId,
  };
  const parameters = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: `${location.origin}${WALLET_CALLBACK_PATH}`,
    response_type: 'code',
    scope: 'openid',
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
    resource: location.origin,
    authorization_details: JSON.stringify([
      { type: 'openid_credential', credential_configuration_id: configurationId },
    ]),
    ui_locales: uiLocale,
  });
  const DPoP = (await dpopHandle(key.id)) as oauth.DPoPHandle;
  const response = await oauth.pushedAuthorizationRequest(server, settings.client, oauth.None(), parameters, {
    DPoP,
    [oauth.allowInsecureRequests]: settings.allowHttp,
  });
  const pushed = await oauth.processPushedAuthorizationResponse(server, settings.client, response);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  location.assign(authorizationUrl(server, pushed.request_uri));
}

const completions = new Map<string, Promise<StoredCredential[]>>();

/** Memoised per callback URL: the code is single-use and React may run the effect twice. */
export function completeCredentialAuthorization(
  wallet: OpenWallet,
  callbackUrl: string,
  language: string,
): Promise<StoredCredential[]> {
  let completion = completions.get(callbackUrl);
  if (!completion) {
    completion = exchange(wallet, new URL(callbackUrl), language);
    completions.set(callbackUrl, completion);
  }
  return completion;
}

async function exchange(wallet: OpenWallet, callbackUrl: URL, language: string): Promise<StoredCredential[]> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!raw) throw new IssuanceError('offer-expired', 'no pending issuance');
  const pending = JSON.parse(raw) as PendingIssuance;
  const settings = oidcSettings(callbackUrl.origin);
  const server = await discoverAuthorizationServer(settings);
  const parameters = oauth.validateAuthResponse(server, settings.client, callbackUrl, pending.state);
  const DPoP = await dpopHandle(pending.dpopKeyId);
  const keyPair = await loadDpopKey(pending.dpopKeyId);
  if (!DPoP || !keyPair) throw new IssuanceError('offer-expired', 'the DPoP key is gone');
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    settings.client,
    oauth.None(),
    parameters,
    `${callbackUrl.origin}${WALLET_CALLBACK_PATH}`,
    pending.codeVerifier,
    { DPoP, [oauth.allowInsecureRequests]: settings.allowHttp },
  );
  const tokens = await oauth.processAuthorizationCodeResponse(server, settings.client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: false,
  });
  const metadata = await fetchIssuerMetadata(callbackUrl.origin);
  const token = { token: tokens.access_token, type: 'DPoP', nonce: null, dpopKey: keyPair };
  const copies = await requestCopies(wallet, metadata, token, pending.configurationId);
  return [await storeCopies(wallet, copies, { id: metadata.issuer, name: issuerName(metadata, language) })];
}
