import { ed25519 } from '@noble/curves/ed25519.js';
import { parseCheckpoint } from './checkpoint.ts';
import { concatBytes } from './hash.ts';
import {
  generateKeyPair,
  NoteError,
  parseSignerKey,
  parseVerifierKey,
  signatureLine,
  verifyEd25519,
} from './keys.ts';
import type { NoteSigner, NoteVerifier } from './note.ts';

/**
 * C2SP tlog-cosignature, Ed25519 `cosignature/v1` (signature type 0x04): a witness's timestamped
 * signature over a checkpoint body. The signature bytes are timestamp (u64, big-endian) ‖
 * Ed25519 signature over `cosignature/v1\ntime <T>\n` ‖ checkpoint body.
 */

/** The signed-note signature type of Ed25519 cosignature/v1. */
export const COSIGNATURE_V1_KEY_TYPE = 0x04;

/** A cosigner: `cosign` signs at a given time, `sign` (for signNote) at the current time. */
export interface Cosigner extends NoteSigner {
  cosign(checkpointBody: string, timeSeconds: number): string;
}

/** A NoteVerifier for cosignatures whose `timestampOf` reads the cosignature's time. */
export interface CosignatureVerifier extends NoteVerifier {
  timestampOf(signature: Uint8Array): number;
}

const utf8 = new TextEncoder();
const TIMESTAMP_SIZE = 8;

/** The message a cosignature signs. */
function cosignedMessage(timeSeconds: number, checkpointBody: Uint8Array): Uint8Array {
  return concatBytes(utf8.encode(`cosignature/v1\ntime ${timeSeconds}\n`), checkpointBody);
}

function timestampBytes(timeSeconds: number): Uint8Array {
  const bytes = new Uint8Array(TIMESTAMP_SIZE);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(timeSeconds));
  return bytes;
}

/** The timestamp of cosignature bytes (after the key id), or null if absent or beyond 2^53 − 1. */
function readTimestamp(signature: Uint8Array): number | null {
  if (signature.length < TIMESTAMP_SIZE) return null;
  const time = new DataView(signature.buffer, signature.byteOffset, TIMESTAMP_SIZE).getBigUint64(0);
  return time <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(time) : null;
}

/** A new cosigner key pair (`PRIVATE+KEY+…` with type 0x04, and its vkey). */
export function generateCosignerKey(name: string): { skey: string; vkey: string } {
  return generateKeyPair(name, COSIGNATURE_V1_KEY_TYPE);
}

/** A cosigner from its signer key; `cosign` refuses a body that is not a checkpoint. */
export function cosigner(skey: string): Cosigner {
  const { name, keyId, key } = parseSignerKey(skey, COSIGNATURE_V1_KEY_TYPE);
  const cosign = (checkpointBody: string, timeSeconds: number): string => {
    if (!Number.isSafeInteger(timeSeconds) || timeSeconds < 0) {
      throw new NoteError('malformed-text', `bad cosignature time ${timeSeconds}`);
    }
    parseCheckpoint(checkpointBody);
    const signature = ed25519.sign(cosignedMessage(timeSeconds, utf8.encode(checkpointBody)), key);
    return signatureLine(name, keyId, concatBytes(timestampBytes(timeSeconds), signature));
  };
  return { name, keyId, cosign, sign: (text) => cosign(text, Math.floor(Date.now() / 1000)) };
}

/** A verifier for a cosigner's vkey (type 0x04), to pass to openNote beside the log's verifier. */
export function cosignatureVerifier(vkey: string): CosignatureVerifier {
  const { name, keyId, key } = parseVerifierKey(vkey, COSIGNATURE_V1_KEY_TYPE);
  return {
    name,
    keyId,
    verify(text, signature) {
      const time = readTimestamp(signature);
      if (time === null || signature.length !== TIMESTAMP_SIZE + 64) return false;
      return verifyEd25519(key, cosignedMessage(time, text), signature.subarray(TIMESTAMP_SIZE));
    },
    timestampOf(signature) {
      const time = readTimestamp(signature);
      if (time === null) throw new NoteError('malformed-note', 'a cosignature without a usable timestamp');
      return time;
    },
  };
}
