/**
 * The wallet's OpenID4VCI 1.0 client: the issuer's metadata, the token (pre-authorized code with
 * its transaction code, or an authorization code), a fresh nonce, and one credential request
 * with one JWT proof per copy (batch issuance), each copy bound to its own new device key.
 */
import { type CredentialConfiguration, credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import { toBase64Url, utf8 } from './base64url.ts';
import { decodeMdocIssuerSigned, decodeSdJwtVc } from './credential-decode.ts';
import type { CredentialOffer } from './credential-offer.ts';
import { PRE_AUTHORIZED_GRANT } from './credential-offer.ts';
import { proofJwt, signJwt } from './device-keys.ts';
import type { OpenWallet, StoredCredential } from './vault.ts';

export type IssuanceFailure = 'network' | 'refused' | 'tx-code-wrong' | 'offer-expired' | 'unexpected-answer';

export class IssuanceError extends Error {
  readonly reason: IssuanceFailure;
  constructor(reason: IssuanceFailure, detail: string) {
    super(detail);
    this.reason = reason;
    this.name = 'IssuanceError';
  }
}

export interface IssuerMetadata {
  issuer: string;
  credentialEndpoint: string;
  nonceEndpoint: string | null;
  /** The authorization servers the issuer names (the eID for the code flow, itself for pre-authorized codes). */
  authorizationServers: string[];
  /** Display names by locale ('' for one without a locale). */
  names: Record<string, string>;
  configurations: Record<string, { format?: string }>;
  batchSize: number;
}

/** RFC 8615 with the path kept after the well-known segment (OpenID4VCI §12.2.2, RFC 8414 §3.1). */
export function wellKnownUrl(identifier: string, name: string): string {
  const url = new URL(identifier);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}/.well-known/${name}${path}`;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

const OFFER_GONE = new Set([
  'invalid_grant',
  'issuance-code-expired',
  'issuance-code-invalid',
  'issuance-offer-exhausted',
  'issuance-offer-not-found',
]);

/** The issuer's refusal (problem `code` or OAuth `error`) as what the wallet tells the citizen. */
export function failureOf(code: string): IssuanceFailure {
  if (code === 'issuance-tx-code-wrong') return 'tx-code-wrong';
  return OFFER_GONE.has(code) ? 'offer-expired' : 'refused';
}

async function getJson(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch {
    throw new IssuanceError('network', url);
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) {
    const code = str(body?.code) ?? str(body?.error) ?? String(response.status);
    throw new IssuanceError(failureOf(code), code);
  }
  if (!body || typeof body !== 'object') throw new IssuanceError('unexpected-answer', url);
  return body;
}

export async function fetchIssuerMetadata(issuer: string): Promise<IssuerMetadata> {
  const body = await getJson(wellKnownUrl(issuer, 'openid-credential-issuer'));
  const credentialEndpoint = str(body.credential_endpoint);
  if (body.credential_issuer !== issuer || !credentialEndpoint) {
    throw new IssuanceError('unexpected-answer', 'metadata does not name this issuer');
  }
  const names: Record<string, string> = {};
  for (const display of Array.isArray(body.display) ? body.display : []) {
    const name = str(display?.name);
    if (name) names[str(display?.locale)?.slice(0, 2) ?? ''] = name;
  }
  const servers = Array.isArray(body.authorization_servers) ? body.authorization_servers : [];
  const batch = (body.batch_credential_issuance as { batch_size?: unknown } | undefined)?.batch_size;
  return {
    issuer,
    credentialEndpoint,
    nonceEndpoint: str(body.nonce_endpoint),
    authorizationServers: servers.filter((server): server is string => typeof server === 'string'),
    names,
    configurations: (body.credential_configurations_supported ?? {}) as IssuerMetadata['configurations'],
    batchSize: typeof batch === 'number' && batch >= 1 && batch <= 10 ? batch : 1,
  };
}

export function issuerName(metadata: IssuerMetadata, language: string): string {
  return metadata.names[language] ?? metadata.names.en ?? metadata.names[''] ?? new URL(metadata.issuer).host;
}

/** The token endpoint of the authorization server that grants pre-authorized codes (the issuer itself if it names none). */
export async function preAuthorizedTokenEndpoint(metadata: IssuerMetadata): Promise<string> {
  const servers =
    metadata.authorizationServers.length > 0 ? metadata.authorizationServers : [metadata.issuer];
  for (const server of servers) {
    const body = await getJson(wellKnownUrl(server, 'oauth-authorization-server')).catch(() => null);
    const grants = Array.isArray(body?.grant_types_supported) ? body.grant_types_supported : [];
    const endpoint = str(body?.token_endpoint);
    if (endpoint && grants.includes(PRE_AUTHORIZED_GRANT)) return endpoint;
  }
  throw new IssuanceError('unexpected-answer', 'no authorization server grants pre-authorized codes');
}

export interface AccessToken {
  token: string;
  type: string;
  nonce: string | null;
  /** The key a DPoP-bound token (the eID's, code flow) is bound to: each request carries a proof. */
  dpopKey?: CryptoKeyPair;
}

/** RFC 9449 proof for one request with a DPoP-bound token (`ath` is the token's hash). */
export async function dpopProof(
  keyPair: CryptoKeyPair,
  method: string,
  url: string,
  token: string,
): Promise<string> {
  const exported = await crypto.subtle.exportKey('jwk', keyPair.publicKey);
  const jwk = { kty: exported.kty, crv: exported.crv, x: exported.x, y: exported.y };
  const ath = toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(token))));
  return signJwt(
    keyPair.privateKey,
    { typ: 'dpop+jwt', jwk },
    { jti: crypto.randomUUID(), htm: method, htu: url, iat: Math.floor(Date.now() / 1000), ath },
  );
}

export async function redeemPreAuthorizedCode(
  tokenEndpoint: string,
  code: string,
  txCode: string | null,
): Promise<AccessToken> {
  const form = new URLSearchParams({ grant_type: PRE_AUTHORIZED_GRANT, 'pre-authorized_code': code });
  if (txCode !== null) form.set('tx_code', txCode);
  const body = await getJson(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const token = str(body.access_token);
  if (!token) throw new IssuanceError('unexpected-answer', 'no access token');
  return { token, type: str(body.token_type) ?? 'Bearer', nonce: str(body.c_nonce) };
}

async function freshNonce(metadata: IssuerMetadata, fallback: string | null): Promise<string | undefined> {
  if (!metadata.nonceEndpoint) return fallback ?? undefined;
  const body = await getJson(metadata.nonceEndpoint, { method: 'POST' });
  const nonce = str(body.c_nonce);
  if (!nonce) throw new IssuanceError('unexpected-answer', 'no nonce');
  return nonce;
}

export interface IssuedCopies {
  configuration: CredentialConfiguration;
  credentials: Array<{ credential: string; keyId: string }>;
}

/** One credential request: a proof per copy, each with its own new device key. */
export async function requestCopies(
  wallet: OpenWallet,
  metadata: IssuerMetadata,
  token: AccessToken,
  configurationId: string,
): Promise<IssuedCopies> {
  const configuration = credentialConfiguration(configurationId);
  if (!configuration)
    throw new IssuanceError('unexpected-answer', `unknown configuration ${configurationId}`);
  const count = Math.min(metadata.batchSize, configuration.batchSize);
  const keys = await wallet.newDeviceKeys(count);
  const nonce = await freshNonce(metadata, token.nonce);
  const now = new Date();
  const proofs = await Promise.all(keys.map((key) => proofJwt(key, { issuer: metadata.issuer, nonce, now })));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `${token.type} ${token.token}`,
  };
  if (token.dpopKey)
    headers.dpop = await dpopProof(token.dpopKey, 'POST', metadata.credentialEndpoint, token.token);
  const body = await getJson(metadata.credentialEndpoint, {
    method: 'POST',
    headers,
    body: JSON.stringify({ credential_configuration_id: configurationId, proofs: { jwt: proofs } }),
  });
  const issued = Array.isArray(body.credentials) ? body.credentials : [];
  const credentials = issued.map((entry: { credential?: unknown }) => str(entry?.credential));
  if (credentials.length !== keys.length || credentials.some((credential) => credential === null)) {
    throw new IssuanceError('unexpected-answer', 'credentials do not match the proofs');
  }
  return {
    configuration,
    credentials: credentials.map((credential, index) => ({
      credential: credential as string,
      keyId: (keys[index] as { id: string }).id,
    })),
  };
}

/** Stores the copies as one document in the wallet and records the issuance in its history. */
export async function storeCopies(
  wallet: OpenWallet,
  copies: IssuedCopies,
  issuer: { id: string; name: string },
): Promise<StoredCredential> {
  const { configuration } = copies;
  const first = (copies.credentials[0] as { credential: string }).credential;
  const decoded =
    configuration.format === 'dc+sd-jwt' ? await decodeSdJwtVc(first) : decodeMdocIssuerSigned(first);
  const stored: StoredCredential = {
    id: crypto.randomUUID(),
    configurationId: configuration.id,
    format: configuration.format,
    issuer: issuer.id,
    issuerName: issuer.name,
    copies: copies.credentials.map((copy) => ({ ...copy, presentations: 0 })),
    claims: decoded.claims,
    validUntil: decoded.validUntil,
    status: decoded.status,
    addedAt: new Date().toISOString(),
  };
  await wallet.saveCredential(stored);
  const claims = configuration.claims.map((claim) => claim.path.join('.'));
  await wallet.record({
    kind: 'issuance',
    counterpart: issuer.name,
    configurationId: configuration.id,
    claims,
    channel: 'online',
  });
  return stored;
}

/** Accepts a pre-authorized offer: token with the transaction code, then each credential. */
export async function acceptPreAuthorizedOffer(
  wallet: OpenWallet,
  offer: CredentialOffer,
  metadata: IssuerMetadata,
  txCode: string | null,
  language: string,
): Promise<StoredCredential[]> {
  if (!offer.preAuthorizedCode) throw new IssuanceError('refused', 'no pre-authorized code');
  const token = await redeemPreAuthorizedCode(
    await preAuthorizedTokenEndpoint(metadata),
    offer.preAuthorizedCode,
    txCode,
  );
  const stored: StoredCredential[] = [];
  for (const configurationId of offer.configurationIds) {
    const copies = await requestCopies(wallet, metadata, token, configurationId);
    stored.push(
      await storeCopies(wallet, copies, { id: metadata.issuer, name: issuerName(metadata, language) }),
    );
  }
  return stored;
}
