/**
 * COSE_Sign1 (RFC 9052) read from already-decoded CBOR, keeping the protected header's original
 * bytes: the signature covers those bytes, so a verifier must never re-encode them.
 */
import { cborDecode, cborEncode } from '@owf/mdoc';

export const COSE_HEADER = { alg: 1, contentType: 3, kid: 4, typ: 16, x5chain: 33 } as const;
export const COSE_ALG_ES256 = -7;
export const COSE_SIGN1_TAG = 18;

export interface Sign1Parts {
  protectedBytes: Uint8Array;
  protectedHeaders: Map<unknown, unknown>;
  unprotectedHeaders: Map<unknown, unknown>;
  payload: Uint8Array | null;
  signature: Uint8Array;
}

/** Splits a decoded COSE_Sign1 array; null when the shape is wrong. */
export function sign1Parts(value: unknown): Sign1Parts | null {
  const array = unwrapTag(value, COSE_SIGN1_TAG);
  if (!Array.isArray(array) || array.length !== 4) return null;
  const [protectedBytes, unprotectedHeaders, payload, signature] = array;
  if (!(protectedBytes instanceof Uint8Array) || !(unprotectedHeaders instanceof Map)) return null;
  if (!(payload === null || payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) return null;
  let protectedHeaders: unknown = new Map();
  if (protectedBytes.length > 0) {
    try {
      protectedHeaders = cborDecode(protectedBytes, { unwrapTopLevelDataItem: false });
    } catch {
      return null;
    }
  }
  if (!(protectedHeaders instanceof Map)) return null;
  return { protectedBytes, protectedHeaders, unprotectedHeaders, payload, signature };
}

/** Sig_structure for COSE_Sign1 with an empty external_aad; `payload` is the detached payload if any. */
export function sign1ToBeSigned(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return cborEncode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

/** A header from the protected bucket, else the unprotected one. */
export function coseHeader(parts: Sign1Parts, label: number): unknown {
  return parts.protectedHeaders.get(label) ?? parts.unprotectedHeaders.get(label);
}

/** The x5chain header (a single bstr or an array of them), the signer's certificate first. */
export function x5chainOf(parts: Sign1Parts): Uint8Array[] | null {
  const value = coseHeader(parts, COSE_HEADER.x5chain);
  if (value instanceof Uint8Array) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((cert) => cert instanceof Uint8Array)) {
    return value as Uint8Array[];
  }
  return null;
}

function unwrapTag(value: unknown, tag: number): unknown {
  if (value && typeof value === 'object' && 'tag' in value && 'value' in value) {
    return (value as { tag: unknown }).tag === tag ? (value as { value: unknown }).value : undefined;
  }
  return value;
}
