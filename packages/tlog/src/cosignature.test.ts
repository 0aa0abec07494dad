import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint.ts';
import {
  COSIGNATURE_V1_KEY_TYPE,
  cosignatureVerifier,
  cosigner,
  generateCosignerKey,
} from './cosignature.ts';
import { fromBase64, toBase64 } from './hash.ts';
import { keyIdFor } from './keys.ts';
import {
  generateSigningKey,
  NoteError,
  type NoteErrorReason,
  noteSigner,
  noteVerifier,
  openNote,
  signNote,
} from './note.ts';

const body = formatCheckpoint({
  origin: 'civitas.example/audit',
  size: 42,
  root: new Uint8Array(32).fill(7),
});
const log = generateSigningKey('civitas.example/audit');
const witness = generateCosignerKey('witness.example/w1');

function reasonOf(action: () => unknown): NoteErrorReason | 'accepted' {
  try {
    action();
    return 'accepted';
  } catch (error) {
    if (error instanceof NoteError) return error.reason;
    throw error;
  }
}

/** The key material of a vkey or skey (its base64 may itself hold '+'). */
function keyMaterial(key: string): Uint8Array {
  const parts = key.split('+');
  return fromBase64(parts.slice(key.startsWith('PRIVATE+KEY+') ? 4 : 2).join('+'));
}

/** The bytes of a signature line after its key id. */
function signatureBytes(line: string): Uint8Array {
  return fromBase64(line.trimEnd().split(' ')[2]!).subarray(4);
}

describe('cosignature/v1', () => {
  it('signs the spec message: header, time line, then the checkpoint body', () => {
    const line = cosigner(witness.skey).cosign(body, 1679315147);
    const publicKey = keyMaterial(witness.vkey).subarray(1);
    const bytes = fromBase64(line.trimEnd().split(' ')[2]!);
    expect(line.startsWith('— witness.example/w1 ')).toBe(true);
    expect(bytes).toHaveLength(4 + 8 + 64);
    expect(new DataView(bytes.buffer).getUint32(0)).toBe(keyIdFor('witness.example/w1', 0x04, publicKey));
    expect(new DataView(bytes.buffer).getBigUint64(4)).toBe(1679315147n);
    const message = new TextEncoder().encode(`cosignature/v1\ntime 1679315147\n${body}`);
    expect(ed25519.verify(bytes.subarray(12), message, publicKey)).toBe(true);
  });

  it('encodes keys with signature type 0x04', () => {
    expect(COSIGNATURE_V1_KEY_TYPE).toBe(4);
    expect(keyMaterial(witness.vkey)[0]).toBe(4);
    expect(keyMaterial(witness.skey)[0]).toBe(4);
  });

  it('accepts a published cosigner key and reads the time of the spec example', () => {
    const verifier = cosignatureVerifier(
      'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2',
    );
    expect(verifier.keyId).toBe(0xda77ade7);
    const specLine =
      'jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';
    expect(verifier.timestampOf(fromBase64(specLine).subarray(4))).toBe(1679315147);
  });

  it('opens a checkpoint signed by the log and cosigned, with both verifiers, and tells the time', () => {
    const note = signNote(body, [noteSigner(log.skey)]) + cosigner(witness.skey).cosign(body, 1700000000);
    const opened = openNote(note, [noteVerifier(log.vkey), cosignatureVerifier(witness.vkey)]);
    expect(opened.text).toBe(body);
    expect(opened.verified.map(({ name, timestamp }) => ({ name, timestamp }))).toEqual([
      { name: 'civitas.example/audit', timestamp: undefined },
      { name: 'witness.example/w1', timestamp: 1700000000 },
    ]);
    expect(openNote(note, [noteVerifier(log.vkey)]).unverified.map((s) => s.name)).toEqual([
      'witness.example/w1',
    ]);
    expect(openNote(note, [cosignatureVerifier(witness.vkey)]).verified).toHaveLength(1);
  });

  it('cosigns at the current time when used as a note signer', () => {
    const before = Math.floor(Date.now() / 1000);
    const opened = openNote(signNote(body, [cosigner(witness.skey)]), [cosignatureVerifier(witness.vkey)]);
    expect(opened.verified[0]!.timestamp).toBeGreaterThanOrEqual(before);
    expect(opened.verified[0]!.timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('rejects a cosignature whose time, body or key is not the signed one', () => {
    const line = cosigner(witness.skey).cosign(body, 1700000000);
    const bytes = fromBase64(line.trimEnd().split(' ')[2]!);
    bytes[11]! ^= 1; // the last byte of the timestamp
    const retimed = `— witness.example/w1 ${toBase64(bytes)}\n`;
    const verifier = cosignatureVerifier(witness.vkey);
    expect(reasonOf(() => openNote(`${body}\n${retimed}`, [verifier]))).toBe('invalid-signature');
    const otherBody = body.replace('42', '43');
    expect(reasonOf(() => openNote(`${otherBody}\n${line}`, [verifier]))).toBe('invalid-signature');
    const other = cosignatureVerifier(generateCosignerKey('witness.example/w1').vkey);
    expect(reasonOf(() => openNote(`${body}\n${line}`, [other]))).toBe('unverified-note');
    expect(verifier.verify(new TextEncoder().encode(body), signatureBytes(line).subarray(0, 71))).toBe(false);
  });

  it('keeps cosigner and log keys apart', () => {
    expect(reasonOf(() => cosigner(log.skey))).toBe('bad-key');
    expect(reasonOf(() => cosignatureVerifier(log.vkey))).toBe('bad-key');
    expect(reasonOf(() => noteSigner(witness.skey))).toBe('bad-key');
    expect(reasonOf(() => noteVerifier(witness.vkey))).toBe('bad-key');
  });

  it('cosigns only checkpoints, at a valid time', () => {
    const signer = cosigner(witness.skey);
    expect(() => signer.cosign('not a checkpoint\n', 1)).toThrow();
    expect(reasonOf(() => signer.cosign(body, -1))).toBe('malformed-text');
    expect(reasonOf(() => signer.cosign(body, 2 ** 53))).toBe('malformed-text');
  });
});
