import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  isValidKeyName,
  keyIdHex,
  NoteError,
  type NoteErrorReason,
  noteSigner,
  noteVerifier,
  openNote,
  signNote,
} from './note.ts';

/** golang.org/x/mod/sumdb/note's test keys and note (note_test.go). */
const peterSkey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const peterVkey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const enochVkey = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const text =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const peterSig =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const enochSig =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

function reasonOf(action: () => unknown): NoteErrorReason | 'accepted' {
  try {
    action();
    return 'accepted';
  } catch (error) {
    if (error instanceof NoteError) return error.reason;
    throw error;
  }
}

describe('signed notes: the Go reference vectors', () => {
  const peter = noteVerifier(peterVkey);
  const enoch = noteVerifier(enochVkey);

  it('signs byte for byte as the reference implementation does', () => {
    const signer = noteSigner(peterSkey);
    expect(signer.name).toBe('PeterNeumann');
    expect(keyIdHex(signer.keyId)).toBe('c74f20a3');
    expect(signNote(text, [signer])).toBe(`${text}\n${peterSig}`);
  });

  it('opens a note, telling verified from unknown signatures', () => {
    const opened = openNote(`${text}\n${peterSig}${enochSig}`, [peter]);
    expect(opened.text).toBe(text);
    expect(opened.verified).toEqual([
      { name: 'PeterNeumann', keyId: 0xc74f20a3, base64: peterSig.slice(15, -1) },
    ]);
    expect(opened.unverified).toEqual([
      { name: 'EnochRoot', keyId: 0xaf0cfe78, base64: enochSig.slice(12, -1) },
    ]);
    expect(openNote(`${text}\n${peterSig}${enochSig}`, [peter, enoch]).verified.map((s) => s.name)).toEqual([
      'PeterNeumann',
      'EnochRoot',
    ]);
  });

  it('opens a note given as bytes', () => {
    expect(openNote(new TextEncoder().encode(`${text}\n${peterSig}`), [peter]).text).toBe(text);
  });

  it('rejects a note no known key signed', () => {
    expect(reasonOf(() => openNote(`${text}\n${peterSig}${enochSig}`, []))).toBe('unverified-note');
  });

  it('rejects a note whose known signature does not verify', () => {
    const broken = `${text}\n${peterSig.slice(0, 60)}ABCD${peterSig.slice(60)}`;
    expect(reasonOf(() => openNote(broken, [peter]))).toBe('invalid-signature');
    expect(reasonOf(() => openNote(`${text.replace('answer', 'Answer')}\n${peterSig}`, [peter]))).toBe(
      'invalid-signature',
    );
  });

  it('rejects a key known twice when it signed, and ignores repeated signatures', () => {
    expect(reasonOf(() => openNote(`${text}\n${enochSig}`, [enoch, peter, enoch]))).toBe('ambiguous-key');
    expect(reasonOf(() => openNote(`${text}\n${peterSig}`, [enoch, peter, enoch]))).toBe('accepted');
    const opened = openNote(`${text}\n${peterSig}${peterSig}${enochSig}${enochSig}`, [peter]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified).toHaveLength(1);
  });

  it('rejects more than 100 signatures', () => {
    expect(reasonOf(() => openNote(`${text}\n${peterSig.repeat(101)}`, [peter]))).toBe('too-many-signatures');
    expect(reasonOf(() => openNote(`${text}\n${peterSig.repeat(100)}`, [peter]))).toBe('accepted');
  });

  it.each([
    ['no signature block', text],
    ['an empty signature block', `${text}\n`],
    ['a signature line without newline', `${text}\n${peterSig.slice(0, -1)}`],
    ['a control character', `\u0001${text}\n${peterSig}`],
    ['a carriage return', `${text.replace('\n', '\r\n')}\n${peterSig}`],
    ['a lone surrogate', `\ud800${text}\n${peterSig}`],
    [
      'a key name with a space',
      `${text}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    ],
    ['a line that is not a signature', `${text}\n${peterSig}Unexpected line.\n`],
    ['a hyphen for the em dash', `${text}\n-${peterSig.slice(1)}`],
    ['a signature too short for a key id', `${text}\n— PeterNeumann AAAA\n`],
    ['a signature that is not base64', `${text}\n— PeterNeumann x08go/ZJkuBS9UG!\n`],
  ])('rejects a note with %s', (_, note) => {
    expect(reasonOf(() => openNote(note, [peter]))).toBe('malformed-note');
  });

  it('rejects a note that is not UTF-8', () => {
    const bytes = new TextEncoder().encode(`x${text}\n${peterSig}`);
    bytes[0] = 0xff;
    expect(reasonOf(() => openNote(bytes, [peter]))).toBe('malformed-note');
  });

  it('rejects every truncation and every one-byte change of a verifier key', () => {
    for (let i = 0; i <= peterVkey.length; i++) {
      for (let j = i + 1; j <= peterVkey.length; j++) {
        if (i === 0 && j === peterVkey.length) continue;
        expect(reasonOf(() => noteVerifier(peterVkey.slice(i, j)))).toBe('bad-key');
      }
    }
    for (let i = 0; i < peterVkey.length; i++) {
      const changed =
        peterVkey.slice(0, i) + String.fromCharCode(peterVkey.charCodeAt(i) + 1) + peterVkey.slice(i + 1);
      expect(reasonOf(() => noteVerifier(changed))).toBe('bad-key');
    }
    // a wrong-length key and an unknown algorithm, each with its key id adjusted
    expect(
      reasonOf(() =>
        noteVerifier('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='),
      ),
    ).toBe('bad-key');
    expect(
      reasonOf(() => noteVerifier('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')),
    ).toBe('bad-key');
  });

  it('rejects every one-byte change of a signer key', () => {
    for (let i = 0; i < peterSkey.length; i++) {
      const changed =
        peterSkey.slice(0, i) + String.fromCharCode(peterSkey.charCodeAt(i) + 1) + peterSkey.slice(i + 1);
      expect(reasonOf(() => noteSigner(changed))).toBe('bad-key');
    }
    expect(reasonOf(() => noteSigner(peterVkey))).toBe('bad-key');
  });
});

describe('signed notes: keys and round trips', () => {
  it('generates keys whose signer and verifier agree', () => {
    const { skey, vkey } = generateSigningKey('civitas.example/log');
    expect(skey).toMatch(/^PRIVATE\+KEY\+civitas\.example\/log\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/);
    expect(vkey).toMatch(/^civitas\.example\/log\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/);
    const signer = noteSigner(skey);
    const verifier = noteVerifier(vkey);
    expect([signer.name, signer.keyId]).toEqual([verifier.name, verifier.keyId]);
    expect(vkey.split('+')[1]).toBe(keyIdHex(signer.keyId));
  });

  it.each([
    '',
    'a b',
    'a+b',
    'tab\there',
    'line\nbreak',
    'nbsp\u00a0here',
    'ideographic\u3000space',
    '\ud800',
  ])('refuses the key name %j', (name) => {
    expect(isValidKeyName(name)).toBe(false);
    expect(reasonOf(() => generateSigningKey(name))).toBe('bad-name');
  });

  it('refuses to sign text that no note can hold', () => {
    const signer = noteSigner(generateSigningKey('k').skey);
    expect(reasonOf(() => signNote('no final newline', [signer]))).toBe('malformed-text');
    expect(reasonOf(() => signNote('bell\u0007\n', [signer]))).toBe('malformed-text');
    expect(reasonOf(() => signNote('fine\n', []))).toBe('no-signers');
  });

  const keys = Array.from({ length: 3 }, (_, i) => generateSigningKey(`key${i}.example`));
  const signers = keys.map((key) => noteSigner(key.skey));
  const verifiers = keys.map((key) => noteVerifier(key.vkey));
  const line = fc.string({ unit: fc.constantFrom(...'abc xyz/+=—é\u{1F600}09'), maxLength: 20 });
  const noteText = fc.array(line, { minLength: 1, maxLength: 5 }).map((lines) => `${lines.join('\n')}\n`);

  it('opens what it signs, with any subset of its keys', () => {
    fc.assert(
      fc.property(noteText, fc.subarray([0, 1, 2], { minLength: 1 }), (body, used) => {
        const note = signNote(
          body,
          used.map((i) => signers[i]!),
        );
        const opened = openNote(note, verifiers);
        expect(opened.text).toBe(body);
        expect(opened.verified.map((s) => s.name)).toEqual(used.map((i) => `key${i}.example`));
        expect(opened.unverified).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects altered text, an altered signature, a wrong key and an unknown key', () => {
    fc.assert(
      fc.property(noteText, fc.nat(), (body, at) => {
        const note = signNote(body, [signers[0]!]);
        const altered = `${body.slice(0, -1)}!\n${note.slice(body.length)}`;
        expect(reasonOf(() => openNote(altered, [verifiers[0]!]))).toBe('invalid-signature');
        const sigStart = note.lastIndexOf(' ') + 1;
        const i = sigStart + 6 + (at % (note.length - sigStart - 9));
        const flipped = note.slice(0, i) + (note[i] === 'A' ? 'B' : 'A') + note.slice(i + 1);
        expect(reasonOf(() => openNote(flipped, [verifiers[0]!]))).toBe('invalid-signature');
        const sameNameOtherKey = noteVerifier(generateSigningKey('key0.example').vkey);
        expect(reasonOf(() => openNote(note, [sameNameOtherKey]))).toBe('unverified-note');
        expect(reasonOf(() => openNote(note, [verifiers[1]!]))).toBe('unverified-note');
      }),
      { numRuns: 30 },
    );
  });
});
