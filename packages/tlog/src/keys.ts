import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, fromBase64, toBase64 } from './hash.ts';

/**
 * The C2SP signed-note key encodings shared by note and cosignature keys:
 * signer keys `PRIVATE+KEY+<name>+<hex key id>+<base64(type ‖ seed)>` and
 * verifier keys `<name>+<hex key id>+<base64(type ‖ public key)>`.
 */

/** Why a key, a key name or a note was rejected. */
export type NoteErrorReason =
  | 'bad-name'
  | 'bad-key'
  | 'malformed-text'
  | 'malformed-note'
  | 'too-many-signatures'
  | 'no-signers'
  | 'ambiguous-key'
  | 'invalid-signature'
  | 'unverified-note';

/** A malformed key, name or note, or a note no known key verifies. */
export class NoteError extends Error {
  readonly reason: NoteErrorReason;

  constructor(reason: NoteErrorReason, message: string) {
    super(message);
    this.name = 'NoteError';
    this.reason = reason;
  }
}

/** Unicode white space as Go's unicode.IsSpace sees it (the signed-note spec's "Unicode spaces"). */
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL = /[\u0000-\u001f]/;

/** Whether a key name is valid: non-empty well-formed text with no spaces, control characters or '+'. */
export function isValidKeyName(name: string): boolean {
  return (
    name !== '' && name.isWellFormed() && !SPACE.test(name) && !CONTROL.test(name) && !name.includes('+')
  );
}

/** Throws NoteError 'bad-name' unless the key name is valid. */
export function requireKeyName(name: string): void {
  if (!isValidKeyName(name)) throw new NoteError('bad-name', `invalid key name ${JSON.stringify(name)}`);
}

const utf8 = new TextEncoder();

/** The signed-note key id: the first four bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key), big-endian. */
export function keyIdFor(name: string, keyType: number, publicKey: Uint8Array): number {
  const digest = sha256(concatBytes(utf8.encode(`${name}\n`), Uint8Array.of(keyType), publicKey));
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0);
}

/** A key id as 8 lower-case hex digits. */
export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** A key id as 4 big-endian bytes. */
export function keyIdBytes(keyId: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, keyId);
  return bytes;
}

/** A parsed Ed25519 key of one signature type. */
export interface ParsedKey {
  name: string;
  keyId: number;
  /** The 32-byte seed (signer key) or public key (verifier key). */
  key: Uint8Array;
}

/** A fresh Ed25519 key pair in the signed-note encodings, for signature type `keyType`. */
export function generateKeyPair(name: string, keyType: number): { skey: string; vkey: string } {
  requireKeyName(name);
  const { secretKey, publicKey } = ed25519.keygen();
  const id = keyIdHex(keyIdFor(name, keyType, publicKey));
  return {
    skey: `PRIVATE+KEY+${name}+${id}+${toBase64(concatBytes(Uint8Array.of(keyType), secretKey))}`,
    vkey: `${name}+${id}+${toBase64(concatBytes(Uint8Array.of(keyType), publicKey))}`,
  };
}

/** Splits `<name>+<hex8>+<base64>` (the base64 may itself hold '+') and checks its parts. */
function splitKey(text: string, keyType: number): { name: string; keyId: number; key: Uint8Array } {
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  if (first < 0 || second < 0 || !isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(hex)) {
    throw new NoteError('bad-key', 'malformed key');
  }
  let material: Uint8Array;
  try {
    material = fromBase64(text.slice(second + 1));
  } catch {
    throw new NoteError('bad-key', 'malformed key: bad base64');
  }
  if (material.length !== 33 || material[0] !== keyType) {
    throw new NoteError('bad-key', `not an Ed25519 key of signature type 0x0${keyType}`);
  }
  return { name, keyId: Number.parseInt(hex, 16), key: material.subarray(1) };
}

/** Parses a signer key of the given signature type; checks its key id against the derived public key. */
export function parseSignerKey(skey: string, keyType: number): ParsedKey {
  if (!skey.startsWith('PRIVATE+KEY+'))
    throw new NoteError('bad-key', 'a signer key starts with PRIVATE+KEY+');
  const parsed = splitKey(skey.slice('PRIVATE+KEY+'.length), keyType);
  if (keyIdFor(parsed.name, keyType, ed25519.getPublicKey(parsed.key)) !== parsed.keyId) {
    throw new NoteError('bad-key', 'the key id does not match the key');
  }
  return parsed;
}

/** Parses a verifier key of the given signature type; checks its key id and that the key is a curve point. */
export function parseVerifierKey(vkey: string, keyType: number): ParsedKey {
  const parsed = splitKey(vkey, keyType);
  if (keyIdFor(parsed.name, keyType, parsed.key) !== parsed.keyId) {
    throw new NoteError('bad-key', 'the key id does not match the key');
  }
  if (!ed25519.utils.isValidPublicKey(parsed.key, false))
    throw new NoteError('bad-key', 'not an Ed25519 public key');
  return parsed;
}

/** Ed25519 (RFC 8032, strict) verification that answers false instead of throwing. */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** A signature line: em dash, space, key name, space, base64(key id ‖ signature), newline. */
export function signatureLine(name: string, keyId: number, signature: Uint8Array): string {
  return `\u2014 ${name} ${toBase64(concatBytes(keyIdBytes(keyId), signature))}\n`;
}
