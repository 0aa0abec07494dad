import crypto from 'node:crypto';
import fc from 'fast-check';
import { CompactSign, compactVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeCompact, derToRaw, rawToDer, signCompactEs256, verifyCompactEs256 } from './es256.ts';

const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });

describe('ES256 compact JWS on node:crypto', () => {
  it('is verified by jose, and verifies what jose signs', async () => {
    const payload = Buffer.from(JSON.stringify({ hello: 'Здравей' }));
    const ours = signCompactEs256({ typ: 'test', kid: 'k1' }, payload, privateKey);
    const { payload: verified, protectedHeader } = await compactVerify(ours, publicKey);
    expect(Buffer.from(verified).toString()).toBe(payload.toString());
    expect(protectedHeader).toEqual({ typ: 'test', kid: 'k1', alg: 'ES256' });

    const theirs = await new CompactSign(payload)
      .setProtectedHeader({ alg: 'ES256', kid: 'k2' })
      .sign(privateKey);
    expect(verifyCompactEs256(decodeCompact(theirs)!, publicKey)).toBe(true);
  });

  it('rejects any change to header, payload or signature, and other keys', () => {
    const jws = signCompactEs256({ typ: 'test' }, Buffer.from('{"amount":100}'), privateKey);
    const other = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(verifyCompactEs256(decodeCompact(jws)!, other.publicKey)).toBe(false);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: jws.length - 1 }),
        fc.constantFrom('A', 'B', '_', '-', 'z'),
        (index, char) => {
          if (jws[index] === '.' || jws[index] === char) return;
          const tampered = jws.slice(0, index) + char + jws.slice(index + 1);
          const decoded = decodeCompact(tampered);
          if (!decoded) return;
          // A changed final character may only touch unused base64url bits; then the bytes are equal.
          const same =
            decoded.signingInput === decodeCompact(jws)!.signingInput &&
            decoded.signature.equals(decodeCompact(jws)!.signature);
          expect(verifyCompactEs256(decoded, publicKey)).toBe(same);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses other algorithms and malformed input without throwing', () => {
    const jws = signCompactEs256({}, Buffer.from('{}'), privateKey);
    const [, payload, signature] = jws.split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.${signature}`;
    expect(verifyCompactEs256(decodeCompact(none)!, publicKey)).toBe(false);
    expect(decodeCompact('not a jws')).toBeNull();
    expect(decodeCompact('a.b')).toBeNull();
    expect(decodeCompact('!!!.e30.AA')).toBeNull();
  });

  it('converts between DER and JWS signatures exactly as node:crypto does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (bytes) => {
        const data = Buffer.from(bytes);
        const der = crypto.sign('sha256', data, privateKey);
        const raw = crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
        expect(rawToDer(derToRaw(der)).equals(der)).toBe(true);
        expect(crypto.verify('sha256', data, publicKey, rawToDer(raw))).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Zero or short coordinates are well-formed DER that simply does not verify.
    expect(rawToDer(Buffer.alloc(64))).toEqual(Buffer.from([0x30, 6, 2, 1, 0, 2, 1, 0]));
  });
});
