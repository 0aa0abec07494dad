/**
 * The wallet's OpenID4VP 1.0 side (online): the verifier's link, its signed request object checked
 * against the national trust anchors (and its registration: nothing beyond it), then the chosen
 * disclosures with a key-binding JWT (`aud` the client_id, its `nonce`), encrypted to the
 * verifier's key (JWE ECDH-ES) and posted to `response_uri` (`direct_post.jwt`).
 */
import type { WalletTrustList } from '@civitas/contracts/api/wallet-status.ts';
import { credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import { openId4VpSessionTranscript, presentMdoc } from '@civitas/wallet/mdoc/present.ts';
import {
  encryptAuthorizationResponse,
  encryptionKeyThumbprint,
  type RequestObjectClaims,
  RequestObjectError,
  registrationOf,
  type VerifierRegistration,
  verifyRequestObject,
} from '@civitas/wallet/openid4vp/index.ts';
import { presentSdJwtVc } from '@civitas/wallet/sd-jwt/present.ts';
import { isAcceptableIssuerUrl } from './credential-offer.ts';
import { type CredentialMatch, chosenPaths } from './dcql-match.ts';
import { WALLET_PRESENT_PATH } from './paths.ts';
import type { OpenWallet, StoredCredential } from './vault.ts';

export type PresentationFailure =
  | 'link-malformed'
  | 'network'
  | 'trust-unavailable'
  | 'request-malformed'
  | 'request-signature-invalid'
  | 'request-verifier-untrusted'
  | 'request-expired'
  | 'request-beyond-registration'
  | 'verifier-refused';

export class PresentationError extends Error {
  readonly reason: PresentationFailure;
  constructor(reason: PresentationFailure, detail: string) {
    super(detail);
    this.name = 'PresentationError';
    this.reason = reason;
  }
}

export interface PresentationLink {
  clientId: string;
  requestUri: string;
}

const MAX_LINK_LENGTH = 4096;
const MAX_REQUEST_OBJECT = 64 * 1024;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `openid4vp://?client_id=…&request_uri=…`, or the PWA's same-device route with that query. */
export function parsePresentationLink(link: string, ownOrigin: string): PresentationLink {
  if (link.length > MAX_LINK_LENGTH || CONTROL.test(link))
    throw new PresentationError('link-malformed', 'link');
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new PresentationError('link-malformed', 'not a URL');
  }
  const ownRoute = url.origin === ownOrigin && url.pathname === WALLET_PRESENT_PATH;
  if (url.protocol !== 'openid4vp:' && !ownRoute) throw new PresentationError('link-malformed', 'scheme');
  const clientId = url.searchParams.get('client_id');
  const requestUri = url.searchParams.get('request_uri');
  if (!clientId || !/^x509_san_dns:[a-z0-9.-]{1,253}$/.test(clientId) || !requestUri) {
    throw new PresentationError('link-malformed', 'client_id or request_uri');
  }
  if (!isAcceptableIssuerUrl(requestUri, ownOrigin))
    throw new PresentationError('link-malformed', 'request_uri');
  return { clientId, requestUri };
}

/**
 * The roots a verifier's access certificate must chain to: `verifierAnchors` of `GET /wallet/trust`
 * (base64 DER), kept for offline use.
 */
export function verifierAnchorsOf(list: Pick<WalletTrustList, 'verifierAnchors'> | null): string[] {
  const anchors = list?.verifierAnchors;
  if (!Array.isArray(anchors)) return [];
  return anchors.flatMap((anchor) => (typeof anchor?.certificate === 'string' ? [anchor.certificate] : []));
}

const ANCHORS_KEY = 'civitas.wallet.trustAnchors';

export async function verifierTrustAnchors(): Promise<string[]> {
  try {
    const response = await fetch('/wallet/trust', { headers: { accept: 'application/json' } });
    if (response.ok) {
      const anchors = verifierAnchorsOf((await response.json()) as WalletTrustList);
      if (anchors.length > 0) {
        localStorage.setItem(ANCHORS_KEY, JSON.stringify(anchors));
        return anchors;
      }
    }
  } catch {
    // Offline: the anchors kept from the last time.
  }
  const kept = JSON.parse(localStorage.getItem(ANCHORS_KEY) ?? '[]') as unknown;
  if (!Array.isArray(kept) || kept.length === 0 || !kept.every((anchor) => typeof anchor === 'string')) {
    throw new PresentationError('trust-unavailable', 'no trust anchors');
  }
  return kept;
}

export interface VerifiedRequest {
  claims: RequestObjectClaims;
  registration: VerifierRegistration;
  host: string;
}

export async function loadRequest(
  link: PresentationLink,
  anchors: readonly string[],
): Promise<VerifiedRequest> {
  let jws: string;
  try {
    const response = await fetch(link.requestUri, { headers: { accept: 'application/oauth-authz-req+jwt' } });
    if (!response.ok) throw new PresentationError('request-expired', String(response.status));
    jws = (await response.text()).trim();
  } catch (error) {
    if (error instanceof PresentationError) throw error;
    throw new PresentationError('network', link.requestUri);
  }
  if (jws.length > MAX_REQUEST_OBJECT) throw new PresentationError('request-malformed', 'too large');
  try {
    const claims = await verifyRequestObject(jws, {
      trustAnchors: anchors,
      now: new Date(),
      clientId: link.clientId,
    });
    return {
      claims,
      registration: registrationOf(claims),
      host: claims.client_id.slice('x509_san_dns:'.length),
    };
  } catch (error) {
    if (error instanceof RequestObjectError) throw new PresentationError(error.code, error.message);
    throw new PresentationError('request-malformed', String(error));
  }
}

/** The copy shown least often (each copy has its own key, so verifiers cannot link presentations). */
export function freshestCopy(credential: StoredCredential): StoredCredential['copies'][number] {
  const copies = [...credential.copies].sort((a, b) => a.presentations - b.presentations);
  const copy = copies[0];
  if (!copy) throw new Error('no copy left');
  return copy;
}

/** mdoc elements to disclose, by namespace, from `[namespace, element]` paths. */
export function mdocElements(paths: readonly (readonly string[])[]): Record<string, string[]> {
  const elements: Record<string, string[]> = {};
  for (const [namespace, element] of paths) {
    if (!namespace || !element) continue;
    elements[namespace] = [...(elements[namespace] ?? []), element];
  }
  return elements;
}

/** The OpenID4VP session transcript an mdoc answer is bound to (client_id, nonce, key, response_uri). */
async function sessionTranscriptOf(claims: RequestObjectClaims): Promise<Uint8Array> {
  const key = claims.client_metadata.jwks.keys.find((candidate) => candidate.alg === 'ECDH-ES');
  return openId4VpSessionTranscript({
    clientId: claims.client_id,
    nonce: claims.nonce,
    jwkThumbprint: key ? await encryptionKeyThumbprint(key) : null,
    responseUri: claims.response_uri,
  });
}

/** What a presentation is bound to: the verifier, its nonce, and (mdoc) the session transcript. */
export interface PresentationBinding {
  aud: string;
  nonce: string;
  sessionTranscript: () => Promise<Uint8Array>;
}

export async function presentMatch(
  wallet: OpenWallet,
  match: CredentialMatch,
  leftOut: ReadonlySet<string>,
  binding: PresentationBinding,
): Promise<{ presentation: string; disclosed: string[][] }> {
  const copy = freshestCopy(match.credential);
  const key = await wallet.deviceKey(copy.keyId);
  if (!key) throw new Error('device key missing');
  const disclosed = chosenPaths(match, leftOut);
  const sign = async (data: Uint8Array) =>
    new Uint8Array(
      await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, new Uint8Array(data)),
    );
  let presentation: string;
  if (match.credential.format === 'mso_mdoc') {
    const docType = credentialConfiguration(match.credential.configurationId)?.doctype ?? '';
    const disclosure = { docType, elements: mdocElements(disclosed) };
    presentation = await presentMdoc(copy.credential, disclosure, await binding.sessionTranscript(), sign);
  } else {
    const { aud, nonce } = binding;
    presentation = await presentSdJwtVc(copy.credential, disclosed, {
      aud,
      nonce,
      iat: Math.floor(Date.now() / 1000),
      sign,
    });
  }
  copy.presentations += 1;
  await wallet.saveCredential(match.credential);
  return { presentation, disclosed };
}

export function verifierName(registration: VerifierRegistration): string {
  return registration.name === registration.organisation
    ? registration.name
    : `${registration.name} (${registration.organisation})`;
}

/** Builds, encrypts and posts the response; records it in the history. Answers the verifier's redirect, if any. */
export async function presentOnline(
  wallet: OpenWallet,
  request: VerifiedRequest,
  matches: readonly CredentialMatch[],
  leftOut: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<{ redirectUri: string | null }> {
  const { claims } = request;
  const vpToken: Record<string, string[]> = {};
  const records: Array<{ configurationId: string; claims: string[] }> = [];
  for (const match of matches) {
    const { presentation, disclosed } = await presentMatch(
      wallet,
      match,
      leftOut.get(match.queryId) ?? new Set(),
      { aud: claims.client_id, nonce: claims.nonce, sessionTranscript: () => sessionTranscriptOf(claims) },
    );
    vpToken[match.queryId] = [presentation];
    records.push({
      configurationId: match.credential.configurationId,
      claims: disclosed.map((path) => path.join('.')),
    });
  }
  const jwe = await encryptAuthorizationResponse({ vp_token: vpToken, state: claims.state }, claims);
  let response: Response;
  try {
    response = await fetch(claims.response_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ response: jwe }),
    });
  } catch {
    throw new PresentationError('network', claims.response_uri);
  }
  if (!response.ok) throw new PresentationError('verifier-refused', String(response.status));
  for (const record of records) {
    await wallet.record({
      kind: 'presentation',
      counterpart: verifierName(request.registration),
      channel: 'online',
      ...record,
    });
  }
  const body = (await response.json().catch(() => ({}))) as { redirect_uri?: unknown };
  const redirect = typeof body.redirect_uri === 'string' ? body.redirect_uri : null;
  return { redirectUri: redirect && /^https?:\/\//.test(redirect) ? redirect : null };
}
