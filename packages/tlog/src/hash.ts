import { sha256 } from '@noble/hashes/sha2.js';

/**
 * RFC 9162 §2.1.1 Merkle tree hashing (SHA-256 with domain-separated leaves and nodes) and
 * the byte helpers the rest of the transparency-log library shares. Browser-safe: plain
 * Uint8Array, no Node.js APIs.
 */

/** The size in bytes of every hash in the tree. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

/** The hash of a log entry: SHA-256(0x00 ‖ data). */
export function leafHash(data: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + data.length);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return sha256(input);
}

/** The hash of an interior node: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

/** Whether two byte strings are equal (not constant-time: for public values such as hashes). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Concatenates byte strings. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SEXTETS = new Map([...ALPHABET].map((char, value) => [char, value]));

/** Standard base64 (RFC 4648 §4) with padding (`btoa`, in browsers and Node alike). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  return btoa(binary);
}

/**
 * Decodes standard base64 with padding, strictly: any other character, a missing or misplaced
 * `=`, or non-zero unused bits (a non-canonical encoding) throws a SyntaxError.
 */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new SyntaxError('base64: length is not a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const pad = last ? padding : 0;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const value = j < 4 - pad ? SEXTETS.get(text[i + j]!) : 0;
      if (value === undefined) throw new SyntaxError('base64: invalid character');
      n = (n << 6) | value;
    }
    if ((pad === 1 && (n & 0xff) !== 0) || (pad === 2 && (n & 0xffff) !== 0)) {
      throw new SyntaxError('base64: non-canonical encoding');
    }
    out[o++] = n >>> 16;
    if (pad < 2) out[o++] = (n >>> 8) & 0xff;
    if (pad < 1) out[o++] = n & 0xff;
  }
  return out;
}

/** Lower-case hexadecimal. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
