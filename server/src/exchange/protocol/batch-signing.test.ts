import crypto from 'node:crypto';
import { canonicalJson } from '@civitas/contracts/canonical-json.ts';
import { describe, expect, it } from 'vitest';
import { EnvelopeSigner, EnvelopeVerifier } from './batch-signing.ts';
import { sha256 } from './envelope.ts';
import type { MemberSigner, VerificationKey } from './signing.ts';

function member(serial: string): { signer: MemberSigner; key: VerificationKey } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    signer: { memberId: `BG/GOV/${serial}`, certificateSerial: serial, privateKey },
    key: { certificateSerial: serial, publicKey },
  };
}

const TYP = 'civitas-request+jws';

describe('batch signatures of envelopes', () => {
  it('signs envelopes in the same moment as one batch, each verifiable on its own', async () => {
    const a = member('01');
    const signer = new EnvelopeSigner(a.signer, TYP);
    const tokens = await Promise.all([1, 2, 3].map((n) => signer.sign({ id: `m${n}`, n })));
    const batches = new Set(tokens.map((token) => token.slice(0, token.lastIndexOf('~'))));
    expect(batches.size).toBe(1);
    const verifier = new EnvelopeVerifier();
    expect(tokens.map((token) => verifier.verify<{ n: number }>(token, [a.key], TYP)?.n)).toEqual([1, 2, 3]);
    expect(verifier.verify(tokens[0]!, [a.key], 'civitas-response+jws')).toBeNull();
  });

  it('answers each envelope’s hash, the same on both sides: SHA-256 of the canonical envelope', async () => {
    const a = member('01');
    const signer = new EnvelopeSigner(a.signer, TYP);
    // Keys out of order: the signed bytes are the canonical JSON, whose hash `envelopeHash` gives.
    const envelopes = [
      { z: 1, id: 'm1' },
      { id: 'm2', a: [2, { y: 'é', b: null }] },
    ];
    const signed = await Promise.all(envelopes.map((envelope) => signer.signWithHash(envelope)));
    const verifier = new EnvelopeVerifier();
    signed.forEach(({ token, hash }, i) => {
      expect(hash).toBe(sha256(canonicalJson(envelopes[i]!)));
      expect(verifier.verifyWithHash(token, [a.key], TYP)).toEqual({
        envelope: JSON.parse(canonicalJson(envelopes[i]!)),
        hash,
      });
    });
    expect(signed[0]!.hash).not.toBe(signed[1]!.hash);
  });

  it('refuses an envelope swapped under a batch signature, and another member’s key', async () => {
    const a = member('01');
    const b = member('02');
    const token = await new EnvelopeSigner(a.signer, TYP).sign({ id: 'm1', amount: 100 });
    const jws = token.slice(0, token.lastIndexOf('~'));
    const forged = `${jws}~${Buffer.from('{"amount":1,"id":"m1"}').toString('base64url')}`;
    expect(new EnvelopeVerifier().verify(forged, [a.key], TYP)).toBeNull();
    expect(new EnvelopeVerifier().verify(token, [b.key], TYP)).toBeNull();
  });

  it('trusts its own process’s signatures without checking them again, but only for that key', async () => {
    const a = member('01');
    const b = member('02');
    const verifier = new EnvelopeVerifier();
    const own = new EnvelopeSigner(a.signer, TYP, (batch) => verifier.trustOwn(batch));
    const token = await own.sign({ id: 'm1' });
    // The math is skipped: even a key that could not have verified it is not consulted...
    const unrelatedKeyWithSameSerial = { ...b.key, certificateSerial: '01' };
    expect(verifier.verify(token, [unrelatedKeyWithSameSerial], TYP)).toEqual({ id: 'm1' });
    // ...but the certificate must still be one the verifier expects, and the envelope listed.
    expect(verifier.verify(token, [b.key], TYP)).toBeNull();
    expect(verifier.verify(token, [a.key], 'civitas-response+jws')).toBeNull();
    const jws = token.slice(0, token.lastIndexOf('~'));
    expect(
      verifier.verify(`${jws}~${Buffer.from('{"id":"m2"}').toString('base64url')}`, [a.key], TYP),
    ).toBeNull();
    // A verifier in another process checks the signature itself.
    expect(new EnvelopeVerifier().verify(token, [unrelatedKeyWithSameSerial], TYP)).toBeNull();
    expect(new EnvelopeVerifier().verify(token, [a.key], TYP)).toEqual({ id: 'm1' });
  });
});
