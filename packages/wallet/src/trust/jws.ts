/**
 * Compact JWS with ES256 over WebCrypto (browser-safe): signing through a callback (the key may be
 * non-extractable, or held by a server's PKI), parsing, and verification with imported keys cached.
 */
import type { PublicJwk } from '../formats.ts';
import { base64url, base64urlJson, fromBase64url, jsonObjectFromBase64url, utf8 } from './encoding.ts';

export const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export type SignBytes = (data: Uint8Array) => Promise<Uint8Array>;

export interface ParsedJws {
  /** Read-only (frozen): headers are cached and shared. */
  header: Readonly<Record<string, unknown>>;
  payload: Record<string, unknown>;
  /** The ASCII bytes `header.payload` the signature covers. */
  signingInput: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

/** Signs `header.payload` with ES256 (raw r‖s) and answers the compact JWS. */
export async function signCompactJws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  sign: SignBytes,
): Promise<string> {
  const input = `${base64urlJson(header)}.${base64urlJson(payload)}`;
  const signature = await sign(utf8(input));
  if (signature.length !== 64) throw new Error('an ES256 signature is 64 bytes (r‖s)');
  return `${input}.${base64url(signature)}`;
}

const headers = new Map<string, Record<string, unknown>>();
const HEADER_CACHE_LIMIT = 1024;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** Issuer headers repeat (their x5c is most of their size): each distinct one is decoded once. */
function parseHeader(part: string): Record<string, unknown> {
  const cached = headers.get(part);
  if (cached) return cached;
  const header = deepFreeze(jsonObjectFromBase64url(part));
  if (part.length > 256) {
    if (headers.size >= HEADER_CACHE_LIMIT) headers.clear();
    headers.set(part, header);
  }
  return header;
}

/** Splits and decodes a compact JWS; throws (a plain Error) when it is not one. */
export function parseCompactJws(jws: string): ParsedJws {
  const parts = jws.split('.');
  if (parts.length !== 3) throw new Error('a compact JWS has three parts');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseHeader(headerPart);
  const payload = jsonObjectFromBase64url(payloadPart);
  const signature = fromBase64url(signaturePart);
  return { header, payload, signingInput: utf8(`${headerPart}.${payloadPart}`), signature };
}

export function verifyEs256(
  key: WebCryptoKey,
  signature: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
) {
  if (signature.length !== 64) return Promise.resolve(false);
  return crypto.subtle.verify(ES256, key, signature, data);
}

const B64URL_32 = /^[A-Za-z0-9_-]{43}$/;

/** Whether a value is an EC P-256 public JWK (no private part). */
export function isPublicP256Jwk(value: unknown): value is PublicJwk {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return (
    jwk.kty === 'EC' &&
    jwk.crv === 'P-256' &&
    typeof jwk.x === 'string' &&
    typeof jwk.y === 'string' &&
    B64URL_32.test(jwk.x) &&
    B64URL_32.test(jwk.y) &&
    jwk.d === undefined
  );
}

const jwkKeys = new Map<string, Promise<WebCryptoKey>>();
const JWK_CACHE_LIMIT = 4096;

/** Imports a P-256 public JWK for ES256 verification, once per key (cached by x and y). */
export function importPublicJwk(jwk: PublicJwk): Promise<WebCryptoKey> {
  const id = `${jwk.x}.${jwk.y}`;
  let key = jwkKeys.get(id);
  if (!key) {
    if (jwkKeys.size >= JWK_CACHE_LIMIT) jwkKeys.clear();
    key = crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, ECDSA_P256, true, [
      'verify',
    ]);
    jwkKeys.set(id, key);
    key.catch(() => jwkKeys.delete(id));
  }
  return key;
}

/**
 * A WebCrypto key, typed so the package compiles both with the DOM library (web) and with only
 * Node's types (server, bench), where `CryptoKey` is a value but no global type.
 */
export type WebCryptoKey = InstanceType<typeof CryptoKey>;
export interface WebCryptoKeyPair {
  publicKey: WebCryptoKey;
  privateKey: WebCryptoKey;
}
