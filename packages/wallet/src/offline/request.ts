/**
 * The offline request QR: the verifier's signed request in compact form. A JWS (ES256, `x5c` with
 * the verifier's access certificate) over the nonce, the check, the verifier's client identifier
 * and registration, `iat` and `exp`. The holder checks the signature, the chain to the national
 * trust anchors and that the certificate names the client identifier's host, all without a network.
 * The server signs a batch of these while online; the verifier screen spends one per check.
 */
import 'reflect-metadata';
import { SubjectAlternativeNameExtension, X509Certificate } from '@peculiar/x509';
import { type CheckId, isCheckId } from '../checks.ts';
import type { X509Signer } from '../formats.ts';
import { base64UrlDecode, base64UrlEncode, utf8 } from './bytes.ts';
import { decodeEnvelope, encodeEnvelope } from './envelope.ts';
import { OfflinePayloadError } from './errors.ts';

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
  x5c: string[];
  claims: OfflineRequestClaims;
}

export async function encodeOfflineRequest(
  claims: OfflineRequestClaims,
  signer: X509Signer,
): Promise<string> {
  assertClaims(claims);
  const header = { alg: 'ES256', typ: OFFLINE_REQUEST_TYP, x5c: signer.x5c };
  const input = `${b64json(header)}.${b64json(claims)}`;
  const signature = await signer.sign(utf8.encode(input));
  return encodeEnvelope(OFFLINE_REQUEST_PREFIX, { jws: `${input}.${base64UrlEncode(signature)}` });
}

/** Parses a scanned request QR (its structure only: `verifyOfflineRequest` checks who signed it). */
export async function decodeOfflineRequest(text: string): Promise<OfflineRequest> {
  const value = await decodeEnvelope(OFFLINE_REQUEST_PREFIX, text);
  const jws = (value as { jws?: unknown } | null)?.jws;
  if (typeof jws !== 'string' || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws)) {
    throw new OfflinePayloadError('offline-payload-invalid', 'not a compact JWS');
  }
  const [headerPart, claimsPart] = jws.split('.') as [string, string, string];
  const header = parseJson(headerPart) as { alg?: unknown; typ?: unknown; x5c?: unknown };
  if (header.alg !== 'ES256' || header.typ !== OFFLINE_REQUEST_TYP || !isStringArray(header.x5c)) {
    throw new OfflinePayloadError('offline-payload-invalid', 'unexpected header');
  }
  const claims = parseJson(claimsPart);
  assertClaims(claims);
  return { jws, x5c: header.x5c, claims };
}

export interface OfflineTrust {
  /** Root certificates, base64 DER. */
  trustAnchors: readonly string[];
  now: Date;
}

/** Checks the request's signature, its certificate chain to an anchor, the client identifier and expiry. */
export async function verifyOfflineRequest(request: OfflineRequest, trust: OfflineTrust): Promise<void> {
  const chain = parseChain(request.x5c);
  const leaf = chain[0] as X509Certificate;
  const [input, signature] = [
    request.jws.slice(0, request.jws.lastIndexOf('.')),
    request.jws.split('.')[2] ?? '',
  ];
  const key = await leaf.publicKey.export({ name: 'ECDSA', namedCurve: 'P-256' }, ['verify']);
  const signatureBytes = base64UrlDecode(signature);
  const valid =
    signatureBytes !== null &&
    (await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      signatureBytes as Uint8Array<ArrayBuffer>,
      utf8.encode(input) as Uint8Array<ArrayBuffer>,
    ));
  if (!valid)
    throw new OfflinePayloadError('offline-request-signature-invalid', 'the signature does not verify');
  await assertChainTrusted(chain, trust);
  const host = request.claims.client_id.slice('x509_san_dns:'.length);
  const names = leaf.getExtension(SubjectAlternativeNameExtension)?.names.items ?? [];
  if (!names.some((name) => name.type === 'dns' && name.value === host)) {
    throw new OfflinePayloadError(
      'offline-request-untrusted',
      'the certificate does not name the client identifier',
    );
  }
  const now = Math.floor(trust.now.getTime() / 1000);
  if (request.claims.exp < now || request.claims.iat > now + 300) {
    throw new OfflinePayloadError('offline-request-expired', 'the request is outside its validity');
  }
}

function parseChain(x5c: readonly string[]): X509Certificate[] {
  try {
    return x5c.map((certificate) => new X509Certificate(certificate));
  } catch {
    throw new OfflinePayloadError('offline-payload-invalid', 'a certificate does not parse');
  }
}

async function assertChainTrusted(chain: readonly X509Certificate[], trust: OfflineTrust): Promise<void> {
  const anchors = trust.trustAnchors.map((anchor) => new X509Certificate(anchor));
  for (let i = 0; i < chain.length; i++) {
    const certificate = chain[i] as X509Certificate;
    const next = chain[i + 1];
    const issuers = next ? [next] : anchors.filter((anchor) => anchor.subject === certificate.issuer);
    let verified = false;
    for (const issuer of issuers) {
      if (await certificate.verify({ publicKey: issuer, date: trust.now }).catch(() => false))
        verified = true;
    }
    if (!verified)
      throw new OfflinePayloadError('offline-request-untrusted', 'the chain does not reach a trust anchor');
    if (!next) return;
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

function b64json(value: unknown): string {
  return base64UrlEncode(utf8.encode(JSON.stringify(value)));
}

function parseJson(part: string): unknown {
  const bytes = base64UrlDecode(part);
  try {
    if (!bytes) throw new Error('not base64url');
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw new OfflinePayloadError('offline-payload-invalid', 'a JWS part is not JSON');
  }
}

function isStringArray(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= 4 &&
    value.every((item) => typeof item === 'string' && /^[A-Za-z0-9+/]+=*$/.test(item))
  );
}
