/**
 * The cryptography mdoc needs, on WebCrypto only (the PWA and the offline verifier run it too):
 * ES256 with raw r‖s signatures as COSE wants them, SHA-256, randomness, and the device key as a
 * COSE_Key. `mdocContext` hands these to `@owf/mdoc`, which brings no crypto of its own.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { type CoseKey, type MdocContext, SignatureAlgorithm } from '@owf/mdoc';
import type { PublicJwk } from '../formats.ts';
import type { WebCryptoKey } from '../trust/jws.ts';

const subtle = globalThis.crypto.subtle;
const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** COSE_Key labels and values (RFC 9052/9053) for an EC2 P-256 ES256 key. */
export const COSE_KEY = { kty: 1, alg: 3, crv: -1, x: -2, y: -3, EC2: 2, P256: 1, ES256: -7 } as const;

/** SHA-256, synchronous (@noble/hashes): digests are many and small, a WebCrypto round trip each costs more. */
export function sha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}

const latin1 = new TextDecoder('latin1');

/** A one-to-one string for bytes, for cache keys (native, unlike base64). */
export function bytesKey(bytes: Uint8Array): string {
  return latin1.decode(bytes);
}

export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

export async function verifyEs256(
  key: WebCryptoKey,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64) return false;
  return subtle.verify(ES256, key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
}

const importedKeys = new Map<string, Promise<WebCryptoKey>>();
const IMPORTED_KEYS_LIMIT = 1024;

/** Imports a P-256 public key for verification; the last keys seen are kept (a device presents often). */
export function importPublicJwk(jwk: PublicJwk): Promise<WebCryptoKey> {
  const id = `${jwk.x}.${jwk.y}`;
  let key = importedKeys.get(id);
  if (!key) {
    if (importedKeys.size >= IMPORTED_KEYS_LIMIT) importedKeys.clear();
    key = subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, EC_P256, true, ['verify']);
    importedKeys.set(id, key);
    key.catch(() => importedKeys.delete(id));
  }
  return key;
}

const B64URL = /^[A-Za-z0-9_-]{43}$/;

/** The holder's device key as the MSO's COSE_Key, with `alg` ES256 (other implementations want it). */
export function coseKeyMapFromJwk(jwk: PublicJwk): Map<number, number | Uint8Array> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !B64URL.test(jwk.x) || !B64URL.test(jwk.y)) {
    throw new TypeError('the holder key must be an EC P-256 public JWK');
  }
  return new Map<number, number | Uint8Array>([
    [COSE_KEY.kty, COSE_KEY.EC2],
    [COSE_KEY.alg, COSE_KEY.ES256],
    [COSE_KEY.crv, COSE_KEY.P256],
    [COSE_KEY.x, fromBase64Url(jwk.x)],
    [COSE_KEY.y, fromBase64Url(jwk.y)],
  ]);
}

/** Reads an EC2 P-256 COSE_Key (a CBOR map) back into a JWK; null when it is anything else. */
export function jwkFromCoseKeyMap(value: unknown): PublicJwk | null {
  if (!(value instanceof Map)) return null;
  const x = value.get(COSE_KEY.x);
  const y = value.get(COSE_KEY.y);
  const alg = value.get(COSE_KEY.alg);
  if (value.get(COSE_KEY.kty) !== COSE_KEY.EC2 || value.get(COSE_KEY.crv) !== COSE_KEY.P256) return null;
  if (alg !== undefined && alg !== COSE_KEY.ES256) return null;
  if (!(x instanceof Uint8Array) || !(y instanceof Uint8Array) || x.length !== 32 || y.length !== 32)
    return null;
  return { kty: 'EC', crv: 'P-256', x: toBase64Url(x), y: toBase64Url(y) };
}

/**
 * The hooks `@owf/mdoc` calls. Signing goes to `sign` (the issuer's key behind an `X509Signer`,
 * or the holder's non-extractable device key); MAC and key agreement are not used (Civitas
 * presents with a device signature, never a MAC).
 */
export function mdocContext(
  sign?: (data: Uint8Array) => Promise<Uint8Array>,
): Pick<MdocContext, 'crypto' | 'cose'> {
  const unsupported = () => {
    throw new Error('mdoc MAC authentication is not supported: Civitas uses device signatures');
  };
  return {
    crypto: {
      random: randomBytes,
      digest: ({ digestAlgorithm, bytes }) => {
        if (digestAlgorithm !== 'SHA-256') throw new Error(`digest ${digestAlgorithm} is not supported`);
        return sha256(bytes);
      },
      calculateEphemeralMacKey: unsupported,
    },
    cose: {
      sign1: {
        sign: ({ toBeSigned, algorithm }) => {
          if (!sign) throw new Error('no signing key in this context');
          if (algorithm !== undefined && algorithm !== SignatureAlgorithm.ES256) {
            throw new Error('only ES256 is supported');
          }
          return sign(toBeSigned);
        },
        verify: async ({ key, sign1 }) => {
          const jwk = jwkFromCoseKeyMap((key as CoseKey).encodedStructure);
          if (!jwk) return false;
          return verifyEs256(await importPublicJwk(jwk), sign1.signature, sign1.toBeSigned);
        },
      },
      mac0: { sign: unsupported, verify: unsupported },
    },
  };
}

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = `${STANDARD.slice(0, 62)}-_`;
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  DECODE[STANDARD.charCodeAt(i)] = i;
  DECODE[URL_SAFE.charCodeAt(i)] = i;
}

/**
 * base64 through a table into bytes decoded as latin1 (all ASCII): several times faster than
 * `btoa(String.fromCharCode(...))` on the portraits and responses mdoc moves around.
 */
function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = alphabet.charCodeAt(n >>> 18);
    out[o++] = alphabet.charCodeAt((n >>> 12) & 63);
    out[o++] = alphabet.charCodeAt((n >>> 6) & 63);
    out[o++] = alphabet.charCodeAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = alphabet.charCodeAt(n >>> 18);
    out[o++] = alphabet.charCodeAt((n >>> 12) & 63);
    if (rest === 2) out[o++] = alphabet.charCodeAt((n >>> 6) & 63);
    if (pad) {
      out[o++] = 61;
      if (rest === 1) out[o++] = 61;
    }
  }
  return latin1.decode(out.subarray(0, o));
}

export function toBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL_SAFE, false);
}

export function toBase64(bytes: Uint8Array): string {
  return encode(bytes, STANDARD, true);
}

/** Strict unpadded base64url; throws a TypeError on any other character or an impossible length. */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new TypeError('not base64url');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let bits = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? DECODE[code]! : -1;
    if (digit < 0 || code === 43 || code === 47) throw new TypeError('not base64url');
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >>> bits) & 0xff;
    }
  }
  return out;
}

export { fromBase64 } from '../trust/encoding.ts';
