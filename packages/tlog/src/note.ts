import { ed25519 } from '@noble/curves/ed25519.js';
import { fromBase64 } from './hash.ts';
import {
  generateKeyPair,
  isValidKeyName,
  NoteError,
  parseSignerKey,
  parseVerifierKey,
  requireKeyName,
  signatureLine,
  verifyEd25519,
} from './keys.ts';

/**
 * C2SP signed-note with Ed25519 keys (signature type 0x01): key generation, signing, and
 * opening a note with a set of known verifiers, following golang.org/x/mod/sumdb/note.
 */

export { isValidKeyName, keyIdFor, keyIdHex, NoteError, type NoteErrorReason } from './keys.ts';

/** The signed-note signature type of plain Ed25519 signatures. */
export const ED25519_KEY_TYPE = 0x01;
/** The most signatures openNote reads (the spec asks verifiers to accept at least 16). */
export const MAX_SIGNATURES = 100;

/** Something that signs note text: `sign` returns one whole signature line, newline included. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: string): string;
}

/** A known key: `verify` checks the signature bytes after the key id over the note text. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
  /** For timestamped signatures (cosignatures): the time in the signature, in POSIX seconds. */
  timestampOf?(signature: Uint8Array): number;
}

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** base64(key id ‖ signature), as on the line. */
  base64: string;
}

/** A signature a known verifier checked; `timestamp` is set for cosignatures. */
export interface VerifiedSignature extends NoteSignature {
  timestamp?: number;
}

/** An opened note: its text (final newline included) and which signatures verified. */
export interface OpenedNote {
  text: string;
  verified: VerifiedSignature[];
  /** Signatures by keys the caller did not pass (ignored, as the spec requires). */
  unverified: NoteSignature[];
}

const utf8 = new TextEncoder();
const SIGNATURE_PREFIX = '\u2014 ';
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f]/;

/** A new Ed25519 key pair: `skey` (secret) and `vkey` (publishable) in the signed-note encodings. */
export function generateSigningKey(name: string): { skey: string; vkey: string } {
  return generateKeyPair(name, ED25519_KEY_TYPE);
}

/** A signer from a `PRIVATE+KEY+…` Ed25519 signer key; throws NoteError 'bad-key' if malformed. */
export function noteSigner(skey: string): NoteSigner {
  const { name, keyId, key } = parseSignerKey(skey, ED25519_KEY_TYPE);
  return {
    name,
    keyId,
    sign: (text) => signatureLine(name, keyId, ed25519.sign(utf8.encode(text), key)),
  };
}

/** A verifier from an Ed25519 verifier key; throws NoteError 'bad-key' if malformed. */
export function noteVerifier(vkey: string): NoteVerifier {
  const { name, keyId, key } = parseVerifierKey(vkey, ED25519_KEY_TYPE);
  return { name, keyId, verify: (text, signature) => verifyEd25519(key, text, signature) };
}

/** Throws NoteError 'malformed-text' unless the text can be a note's text. */
function requireNoteText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteError('malformed-text', 'note text must end with a newline');
  if (!text.isWellFormed() || FORBIDDEN.test(text)) {
    throw new NoteError(
      'malformed-text',
      'note text must be UTF-8 without control characters other than newline',
    );
  }
}

const LINE = /^\u2014 [^ \n]+ [A-Za-z0-9+/]+={0,2}\n$/;

/** The signed note: the text, a blank line, and one signature line per signer. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  requireNoteText(text);
  if (signers.length === 0) throw new NoteError('no-signers', 'a note needs at least one signature');
  if (signers.length > MAX_SIGNATURES)
    throw new NoteError('too-many-signatures', `at most ${MAX_SIGNATURES}`);
  const lines = signers.map((signer) => {
    requireKeyName(signer.name);
    const line = signer.sign(text);
    if (!LINE.test(line))
      throw new NoteError('malformed-note', `signer ${signer.name} made a malformed line`);
    return line;
  });
  return `${text}\n${lines.join('')}`;
}

/** Decodes a note given as bytes (strict UTF-8) or checks one given as a string. */
function noteString(note: string | Uint8Array): string {
  if (typeof note !== 'string') {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
    } catch {
      throw new NoteError('malformed-note', 'a note must be valid UTF-8');
    }
  }
  if (!note.isWellFormed()) throw new NoteError('malformed-note', 'a note must be valid UTF-8');
  return note;
}

/** Splits a note into its text and its signature lines (newlines dropped). */
function splitNote(note: string): { text: string; lines: string[] } {
  if (FORBIDDEN.test(note)) throw new NoteError('malformed-note', 'a note must not hold control characters');
  const split = note.lastIndexOf('\n\n');
  const signatures = note.slice(split + 2);
  if (split < 0 || !signatures.endsWith('\n')) throw new NoteError('malformed-note', 'no signature block');
  const lines = signatures.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES)
    throw new NoteError('too-many-signatures', `more than ${MAX_SIGNATURES}`);
  return { text: note.slice(0, split + 1), lines };
}

/** Parses one signature line (without its newline). */
function parseLine(line: string): NoteSignature & { signature: Uint8Array } {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw new NoteError('malformed-note', 'not a signature line');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = rest.slice(0, space);
  const base64 = rest.slice(space + 1);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(base64);
  } catch {
    throw new NoteError('malformed-note', 'a signature is not base64');
  }
  if (space < 0 || !isValidKeyName(name) || bytes.length < 5)
    throw new NoteError('malformed-note', 'bad signature line');
  const keyId = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  return { name, keyId, base64, signature: bytes.subarray(4) };
}

/**
 * Opens a signed note: every signature by a known verifier must verify (else NoteError
 * 'invalid-signature'), at least one must (else 'unverified-note'); signatures by unknown
 * keys are returned as unverified. Throws 'malformed-note' for anything not in the format.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, lines } = splitNote(noteString(note));
  const message = utf8.encode(text);
  const opened: OpenedNote = { text, verified: [], unverified: [] };
  const seen = new Set<string>();
  for (const line of lines) {
    const { signature, ...entry } = parseLine(line);
    const known = verifiers.filter((v) => v.name === entry.name && v.keyId === entry.keyId);
    const key = known.length === 0 ? `?${line}` : `${entry.name}+${entry.keyId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (known.length === 0) {
      opened.unverified.push(entry);
      continue;
    }
    if (known.length > 1) throw new NoteError('ambiguous-key', `more than one verifier for ${entry.name}`);
    opened.verified.push(checkSignature(known[0]!, message, signature, entry));
  }
  if (opened.verified.length === 0) throw new NoteError('unverified-note', 'no known key signed the note');
  return opened;
}

function checkSignature(
  verifier: NoteVerifier,
  message: Uint8Array,
  signature: Uint8Array,
  entry: NoteSignature,
): VerifiedSignature {
  let valid = false;
  try {
    valid = verifier.verify(message, signature);
  } catch {
    valid = false;
  }
  if (!valid) throw new NoteError('invalid-signature', `the signature of ${entry.name} does not verify`);
  const timestamp = verifier.timestampOf?.(signature);
  return timestamp === undefined ? entry : { ...entry, timestamp };
}
