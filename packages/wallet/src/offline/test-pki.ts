/** Test-only: a root and a verifier's access certificate made with @peculiar/x509 (real X.509, real ES256). */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { X509Signer } from '../formats.ts';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface TestPki {
  root: string;
  signer: X509Signer;
}

export async function makeTestPki(
  host: string,
  validity: { notBefore: Date; notAfter: Date } = {
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000 * 30),
  },
): Promise<TestPki> {
  const rootKeys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Test Wallet Root, C=BG',
    notBefore: validity.notBefore,
    notAfter: new Date(validity.notAfter.getTime() + 86_400_000),
    signingAlgorithm: ALG,
    keys: rootKeys,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  const leafKeys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: 'CN=Test Verifier, O=Test Shop, C=BG',
    issuer: root.subject,
    notBefore: validity.notBefore,
    notAfter: validity.notAfter,
    signingAlgorithm: ALG,
    publicKey: leafKeys.publicKey,
    signingKey: rootKeys.privateKey,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: host }])],
  });
  return {
    root: root.toString('base64'),
    signer: {
      alg: 'ES256',
      x5c: [leaf.toString('base64')],
      sign: async (data) =>
        new Uint8Array(
          await crypto.subtle.sign(
            { name: 'ECDSA', hash: 'SHA-256' },
            leafKeys.privateKey,
            data as Uint8Array<ArrayBuffer>,
          ),
        ),
    },
  };
}
