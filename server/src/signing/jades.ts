import type { webcrypto } from 'node:crypto';
import { canonicalJson } from '@civitas/contracts/canonical-json.ts';
import { AppError } from '../kernel/index.ts';
import { base64UrlOf, ES256, sha256 } from './x509.ts';

/**
 * JAdES baseline B (ETSI TS 119 182-1) as a compact JWS: ES256, the signer's chain in `x5c`
 * (leaf first), its SHA-256 thumbprint in `x5t#S256`, the claimed signing time in `sigT`
 * (critical, so a verifier that does not know it refuses the signature), and the payload as
 * canonical JSON (one byte string per value).
 */
export interface JadesHeader {
  alg: 'ES256';
  typ: 'jose';
  cty: 'json';
  x5c: string[];
  'x5t#S256': string;
  sigT: string;
  crit: ['sigT'];
}

/** The protected header of a signature by the leaf of `chain` (base64 DER, leaf first) at `signedAt`. */
export async function jadesHeader(chain: readonly string[], signedAt: Date): Promise<JadesHeader> {
  return {
    alg: 'ES256',
    typ: 'jose',
    cty: 'json',
    x5c: [...chain],
    'x5t#S256': base64UrlOf(await sha256(Buffer.from(chain[0]!, 'base64'))),
    // ETSI TS 119 182-1 §5.2.1: UTC, to the second.
    sigT: `${signedAt.toISOString().slice(0, 19)}Z`,
    crit: ['sigT'],
  };
}

/** Signs `payload` with a key held here (an e-seal). */
export async function signJades(
  payload: unknown,
  key: webcrypto.CryptoKey,
  chain: readonly string[],
  signedAt: Date,
): Promise<string> {
  const header = base64UrlOf(Buffer.from(JSON.stringify(await jadesHeader(chain, signedAt))));
  const body = base64UrlOf(Buffer.from(canonicalJson(payload)));
  const signature = await crypto.subtle.sign(ES256, key, Buffer.from(`${header}.${body}`));
  return `${header}.${body}.${base64UrlOf(signature)}`;
}

/** A compact JWS taken apart, before any trust decision. */
export interface ParsedJades {
  header: JadesHeader;
  payload: unknown;
  signingInput: Uint8Array;
  signature: Uint8Array;
  signedAt: Date;
  /** DER of each certificate of `x5c`, leaf first. */
  chain: Uint8Array[];
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** ISO 8601 in UTC, to the second, optionally with a fraction (what `sigT` is). */
const SIG_T = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const HEADER_MEMBERS = new Set(['alg', 'typ', 'cty', 'x5c', 'x5t#S256', 'sigT', 'crit', 'kid']);
/** A JWS larger than this is not a signed application (whose attachments travel apart). */
export const MAX_JWS_LENGTH = 1_000_000;

function invalid(detail: string): AppError {
  return new AppError('signature-invalid', detail);
}

function decodeSegment(segment: string, what: string): Buffer {
  if (!BASE64URL.test(segment)) throw invalid(`The ${what} is not base64url.`);
  const bytes = Buffer.from(segment, 'base64url');
  // Only the canonical encoding: no trailing bits a second encoding of the same bytes could hide.
  if (bytes.toString('base64url') !== segment) throw invalid(`The ${what} is not canonical base64url.`);
  return bytes;
}

function parseJson(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid(`The ${what} is not JSON.`);
  }
}

/** The JWS's parts and its header's checks (step 1 of verification; the trust checks follow). */
export async function parseJades(jws: string): Promise<ParsedJades> {
  if (typeof jws !== 'string' || jws.length > MAX_JWS_LENGTH)
    throw invalid('Not a JWS of a signed document.');
  const parts = jws.split('.');
  if (parts.length !== 3) throw invalid('A compact JWS has three parts.');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseJson(decodeSegment(headerPart, 'protected header'), 'protected header');
  if (!header || typeof header !== 'object' || Array.isArray(header))
    throw invalid('The header is not an object.');
  const h = header as Record<string, unknown>;
  for (const name of Object.keys(h)) {
    if (!HEADER_MEMBERS.has(name))
      throw invalid(`The header member "${name}" is not one of JAdES baseline B.`);
  }
  if (h.alg !== 'ES256') throw invalid('The algorithm must be ES256.');
  if (h.typ !== 'jose') throw invalid('The header type must be "jose".');
  if (h.cty !== 'json') throw invalid('The content type must be "json".');
  if (!Array.isArray(h.crit) || h.crit.length !== 1 || h.crit[0] !== 'sigT')
    throw invalid('The header must mark exactly sigT critical.');
  if (typeof h.sigT !== 'string' || !SIG_T.test(h.sigT) || Number.isNaN(Date.parse(h.sigT)))
    throw invalid('sigT must be an ISO 8601 UTC time.');
  if (
    !Array.isArray(h.x5c) ||
    h.x5c.length < 1 ||
    h.x5c.length > 3 ||
    !h.x5c.every((entry) => typeof entry === 'string' && BASE64.test(entry))
  )
    throw invalid("x5c must carry the signer's certificate (and its CA's).");
  const chain = (h.x5c as string[]).map((entry) => new Uint8Array(Buffer.from(entry, 'base64')));
  const thumbprint = base64UrlOf(await sha256(chain[0]!));
  if (h['x5t#S256'] !== thumbprint) throw invalid("x5t#S256 is not the signer's certificate's thumbprint.");
  const payloadBytes = decodeSegment(payloadPart, 'payload');
  const payload = parseJson(payloadBytes, 'payload');
  if (canonicalJson(payload) !== payloadBytes.toString('utf8'))
    throw invalid('The payload is not canonical JSON.');
  const signature = decodeSegment(signaturePart, 'signature');
  if (signature.length !== 64) throw invalid('An ES256 signature is 64 bytes.');
  return {
    header: h as unknown as JadesHeader,
    payload,
    signingInput: new Uint8Array(Buffer.from(`${headerPart}.${payloadPart}`, 'ascii')),
    signature: new Uint8Array(signature),
    signedAt: new Date(h.sigT),
    chain,
  };
}
