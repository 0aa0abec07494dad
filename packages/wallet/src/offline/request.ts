/**
 * The offline request QR: the verifier's signed request in compact form. A JWS (ES256, `x5c` with
 * the verifier's access certificate) over the nonce, the check, the verifier's client identifier
 * and registration, `iat` and `exp`. The holder checks the signature, the chain to the national
 * trust anchors and that the certificate names the client identifier's host, all without a network.
 * The server signs a batch of these while online; the verifier screen spends one per check.
 */
import { type CheckId, isCheckId } from '../checks.ts';
import type { X509Signer } from '../formats.ts';
import { decodeEnvelope, encodeEnvelope } from './envelope.ts';
import { OfflinePayloadError } from './errors.ts';
import { decodeJws, signX5cJws, verifyX5cJws } from './x5c-jws.ts';

export const OFFLINE_REQUEST_PREFIX = 'CIVREQ1:';
export const OFFLINE_REQUEST_TYP = 'civitas-offline-request+jwt';

export interface OfflineRequestClaims {
  v: 1;
  /** base64url, 16..128 characters. */
  nonce: string;
  check: CheckId;
  /** `x509_san_dns:<host>`, as in the online request. */
  client_id: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
  /** The verifier's registration: who asks and which checks it may ask. */
  verifier: { name: string; organisation: string; checks: CheckId[] };
}

export interface OfflineRequest {
  jws: string;
  claims: OfflineRequestClaims;
}

/** The signed request as a QR text. */
export async function encodeOfflineRequest(
  claims: OfflineRequestClaims,
  signer: X509Signer,
): Promise<string> {
  return encodeEnvelope(OFFLINE_REQUEST_PREFIX, { jws: await signOfflineRequest(claims, signer) });
}

/** The signed request's JWS (the server signs them; the screen wraps one with `offlineRequestText`). */
export async function signOfflineRequest(claims: OfflineRequestClaims, signer: X509Signer): Promise<string> {
  assertClaims(claims);
  return signX5cJws({ typ: OFFLINE_REQUEST_TYP }, claims, signer);
}

export function offlineRequestText(jws: string): Promise<string> {
  return encodeEnvelope(OFFLINE_REQUEST_PREFIX, { jws });
}

/** Parses a scanned request QR (its structure only: `verifyOfflineRequest` checks who signed it). */
export async function decodeOfflineRequest(text: string): Promise<OfflineRequest> {
  const value = await decodeEnvelope(OFFLINE_REQUEST_PREFIX, text);
  const jws = (value as { jws?: unknown } | null)?.jws;
  const decoded = typeof jws === 'string' ? decodeJws(jws) : null;
  if (!decoded || decoded.header.typ !== OFFLINE_REQUEST_TYP) {
    throw new OfflinePayloadError('offline-payload-invalid', 'not a signed offline request');
  }
  assertClaims(decoded.payload);
  return { jws: jws as string, claims: decoded.payload };
}

export interface OfflineTrust {
  /** Root certificates, base64 DER. */
  trustAnchors: readonly string[];
  now: Date;
}

/** Checks the request's signature, its certificate chain to an anchor, the client identifier and expiry. */
export async function verifyOfflineRequest(request: OfflineRequest, trust: OfflineTrust): Promise<void> {
  const host = request.claims.client_id.slice('x509_san_dns:'.length);
  const failure = await verifyX5cJws(request.jws, trust, host);
  if (failure === 'signature-invalid' || failure === 'malformed') {
    throw new OfflinePayloadError('offline-request-signature-invalid', 'the signature does not verify');
  }
  if (failure)
    throw new OfflinePayloadError('offline-request-untrusted', `the verifier is not trusted (${failure})`);
  const now = Math.floor(trust.now.getTime() / 1000);
  if (request.claims.exp < now || request.claims.iat > now + 300) {
    throw new OfflinePayloadError('offline-request-expired', 'the request is outside its validity');
  }
}

const NAME = /^[^\p{Cc}]{1,200}$/u;

function assertClaims(value: unknown): asserts value is OfflineRequestClaims {
  const claims = value as Partial<OfflineRequestClaims> | null;
  const verifier = claims?.verifier;
  const ok =
    claims !== null &&
    typeof claims === 'object' &&
    claims.v === 1 &&
    typeof claims.nonce === 'string' &&
    /^[A-Za-z0-9_-]{16,128}$/.test(claims.nonce) &&
    isCheckId(claims.check) &&
    typeof claims.client_id === 'string' &&
    /^x509_san_dns:[a-z0-9.-]{1,253}$/.test(claims.client_id) &&
    Number.isSafeInteger(claims.iat) &&
    Number.isSafeInteger(claims.exp) &&
    typeof verifier === 'object' &&
    verifier !== null &&
    typeof verifier.name === 'string' &&
    NAME.test(verifier.name) &&
    typeof verifier.organisation === 'string' &&
    NAME.test(verifier.organisation) &&
    Array.isArray(verifier.checks) &&
    verifier.checks.every(isCheckId);
  if (!ok) throw new OfflinePayloadError('offline-payload-invalid', 'the request claims are malformed');
}
