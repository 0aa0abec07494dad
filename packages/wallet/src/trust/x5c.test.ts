import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { WalletVerificationError } from '../errors.ts';
import { base64, fromBase64 } from './encoding.ts';
import { ES256 } from './jws.ts';
import { createTestPki, type TestPki } from './test-pki.ts';
import { verifyCertificateChain } from './x5c.ts';

const now = new Date();
let direct: TestPki;
let withIntermediate: TestPki;

beforeAll(async () => {
  direct = await createTestPki({ now, organisation: 'Ministry of Interior', country: 'BG' });
  withIntermediate = await createTestPki({
    now,
    intermediate: true,
    organisation: 'Ministerstwo Cyfryzacji',
    country: 'PL',
  });
});

async function code(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WalletVerificationError);
    return (error as WalletVerificationError).code;
  }
  throw new Error('accepted');
}

describe('verifyCertificateChain', () => {
  test("answers the signer's key and subject, directly under the root or through an intermediate", async () => {
    const one = await verifyCertificateChain(direct.x5c, [direct.root], now);
    expect(one.subject).toEqual({ name: 'Ministry of Interior', country: 'BG' });
    const data = new TextEncoder().encode('signed by the issuer');
    const signature = await direct.signer.sign(data);
    expect(signature).toHaveLength(64);
    expect(await crypto.subtle.verify(ES256, one.publicKey, signature as Uint8Array<ArrayBuffer>, data)).toBe(
      true,
    );
    const two = await verifyCertificateChain(
      withIntermediate.x5c,
      [direct.root, withIntermediate.rootPem],
      now,
    );
    expect(withIntermediate.x5c).toHaveLength(2);
    expect(two.subject).toEqual({ name: 'Ministerstwo Cyfryzacji', country: 'PL' });
  });

  test('the anchor may be included at the end of x5c', async () => {
    const verified = await verifyCertificateChain(
      [...withIntermediate.x5c, withIntermediate.root],
      [withIntermediate.root],
      now,
    );
    expect(verified.subject.country).toBe('PL');
  });

  test('an unknown root, or no anchors, is untrusted', async () => {
    expect(await code(verifyCertificateChain(direct.x5c, [withIntermediate.root], now))).toBe(
      'issuer-chain-untrusted',
    );
    expect(await code(verifyCertificateChain(direct.x5c, [], now))).toBe('issuer-chain-untrusted');
    expect(await code(verifyCertificateChain(direct.x5c, ['not a certificate'], now))).toBe(
      'issuer-chain-untrusted',
    );
  });

  test('a chain missing its intermediate, or in the wrong order, is untrusted', async () => {
    const [leaf, intermediate] = withIntermediate.x5c as [string, string];
    expect(await code(verifyCertificateChain([leaf], [withIntermediate.root], now))).toBe(
      'issuer-chain-untrusted',
    );
    expect(await code(verifyCertificateChain([intermediate, leaf], [withIntermediate.root], now))).toBe(
      'issuer-chain-untrusted',
    );
  });

  test('a signer certificate issued by a certificate that is not a CA is untrusted', async () => {
    const broken = await createTestPki({ now, signerIssuedByLeaf: true });
    expect(await code(verifyCertificateChain(broken.x5c, [broken.root], now))).toBe('issuer-chain-untrusted');
  });

  test('expired or not yet valid: issuer-certificate-expired, cached chains included', async () => {
    const expired = await createTestPki({ now, validDays: -1 });
    expect(await code(verifyCertificateChain(expired.x5c, [expired.root], now))).toBe(
      'issuer-certificate-expired',
    );
    await verifyCertificateChain(direct.x5c, [direct.root], now); // cached now
    const later = new Date(now.getTime() + 400 * 24 * 3600 * 1000);
    expect(await code(verifyCertificateChain(direct.x5c, [direct.root], later))).toBe(
      'issuer-certificate-expired',
    );
    const earlier = new Date(now.getTime() - 3 * 24 * 3600 * 1000);
    expect(await code(verifyCertificateChain(direct.x5c, [direct.root], earlier))).toBe(
      'issuer-certificate-expired',
    );
    const rootExpired = new Date(now.getTime() + 3651 * 24 * 3600 * 1000);
    expect(await code(verifyCertificateChain(direct.x5c, [direct.root], rootExpired))).toBe(
      'issuer-certificate-expired',
    );
  });

  test('a certificate whose signature bytes were changed does not verify', async () => {
    const der = fromBase64(direct.x5c[0] as string);
    der[der.length - 5] = (der[der.length - 5] as number) ^ 0x01;
    const result = await code(verifyCertificateChain([base64(der)], [direct.root], now));
    expect(['issuer-chain-untrusted', 'credential-malformed']).toContain(result);
  });

  test('any x5c that is not base64 DER certificates is malformed, never a crash', async () => {
    expect(await code(verifyCertificateChain([], [direct.root], now))).toBe('credential-malformed');
    expect(await code(verifyCertificateChain(undefined as unknown as string[], [direct.root], now))).toBe(
      'credential-malformed',
    );
    expect(await code(verifyCertificateChain(Array(6).fill(direct.x5c[0]), [direct.root], now))).toBe(
      'credential-malformed',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string(), fc.base64String(), fc.constant('\u0000')), {
          minLength: 1,
          maxLength: 3,
        }),
        async (x5c) => {
          expect(await code(verifyCertificateChain(x5c, [direct.root], now))).toBe('credential-malformed');
        },
      ),
      { numRuns: 200 },
    );
  });
});
