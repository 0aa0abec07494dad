/**
 * Byte and text encodings the JOSE side of the wallet needs (browser-safe, no Buffer): base64url
 * without padding (JWS, disclosures), standard base64 (x5c), UTF-8.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Strict UTF-8 decoding: invalid sequences throw instead of becoming U+FFFD. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function binary(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
}

function fromBinary(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function base64url(bytes: Uint8Array): string {
  return btoa(binary(bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Character code → 6-bit value, 255 for anything outside the base64url alphabet. */
const DECODE = new Uint8Array(256).fill(255);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const value = code < 256 ? (DECODE[code] as number) : 255;
  if (value === 255) throw new Error('not base64url');
  return value;
}

/**
 * Decodes unpadded base64url; throws on any other character, an impossible length, or unused bits
 * set in the last character (so one byte string has exactly one encoding: a changed signature
 * character cannot decode to the same bytes). Table-driven: this is on the verifier's hot path.
 */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const rest = text.length % 4;
  if (rest === 1) throw new Error('not base64url');
  const full = text.length - rest;
  const bytes = new Uint8Array((full / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const n =
      (sextet(text, i) << 18) |
      (sextet(text, i + 1) << 12) |
      (sextet(text, i + 2) << 6) |
      sextet(text, i + 3);
    bytes[o++] = n >> 16;
    bytes[o++] = (n >> 8) & 0xff;
    bytes[o++] = n & 0xff;
  }
  if (rest === 2) {
    const last = sextet(text, full + 1);
    if ((last & 0x0f) !== 0) throw new Error('not canonical base64url');
    bytes[o] = (sextet(text, full) << 2) | (last >> 4);
  } else if (rest === 3) {
    const last = sextet(text, full + 2);
    if ((last & 0x03) !== 0) throw new Error('not canonical base64url');
    const n = (sextet(text, full) << 10) | (sextet(text, full + 1) << 4) | (last >> 2);
    bytes[o++] = n >> 8;
    bytes[o] = n & 0xff;
  }
  return bytes;
}

export function base64(bytes: Uint8Array): string {
  return btoa(binary(bytes));
}

/** Decodes padded standard base64 (whitespace not allowed). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (!BASE64.test(text)) throw new Error('not base64');
  return fromBinary(atob(text));
}

export function base64urlJson(value: unknown): string {
  return base64url(utf8(JSON.stringify(value)));
}

/** Parses base64url JSON that must be an object (not an array, not null). */
export function jsonObjectFromBase64url(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(fromUtf8(fromBase64url(text)));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('not a JSON object');
  return value as Record<string, unknown>;
}
