import type { webcrypto } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/index.ts';
import { checkedCertificateRequest } from './csr.ts';
import { EC_KEY, x509 } from './x509.ts';

async function request(algorithm: webcrypto.EcKeyGenParams = EC_KEY, hash = 'SHA-256') {
  const keys = (await crypto.subtle.generateKey(algorithm, false, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  return x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=key',
    keys,
    signingAlgorithm: { name: 'ECDSA', hash },
  });
}

async function codeOf(text: string): Promise<string> {
  try {
    await checkedCertificateRequest(text);
    return 'accepted';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('a certificate request', () => {
  it('is accepted as PEM or base64 DER for a P-256 key its own key signed', async () => {
    const csr = await request();
    const key = await checkedCertificateRequest(csr.toString('pem'));
    expect(Buffer.from(key.rawData)).toEqual(Buffer.from(csr.publicKey.rawData));
    expect(await codeOf(csr.toString('base64'))).toBe('accepted');
  });

  it('is refused for another curve, trailing bytes, or a signature its key did not make', async () => {
    expect(
      await codeOf((await request({ name: 'ECDSA', namedCurve: 'P-384' }, 'SHA-384')).toString('pem')),
    ).toBe('signing-csr-key-unsupported');
    const der = Buffer.from((await request()).rawData);
    expect(await codeOf(Buffer.concat([der, Buffer.from([0])]).toString('base64'))).toBe(
      'signing-csr-malformed',
    );
    const broken = Buffer.from(der);
    broken[broken.length - 3]! ^= 0x40;
    expect(['signing-csr-signature-invalid', 'signing-csr-malformed']).toContain(
      await codeOf(broken.toString('base64')),
    );
  });

  it('never answers anything but a refusal code for arbitrary text or bytes (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('base64')),
        ),
        async (text) => {
          expect(await codeOf(text)).toMatch(/^signing-csr-/);
        },
      ),
      { numRuns: 200 },
    );
  });
});
