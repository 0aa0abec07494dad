/**
 * A small real JAdES check for the e-services' tests until the signing context's `Signing` is
 * merged (ports.md §2): a test CA issues each person an ES256 certificate (serialNumber
 * `PNOBG-<personal number>`), the person signs a compact JWS with `x5c`, `sigT` and `crit`, and
 * `verifyJades` checks the chain to the CA, the signature, and the signer. Tests only.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { canonicalJson } from '@civitas/contracts/canonical-json.ts';
import * as x509 from '@peculiar/x509';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { AppError } from '../../kernel/index.ts';
import type { SignatureCheck, Signing } from './ports.ts';

x509.cryptoProvider.set(globalThis.crypto);
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface TestSigner {
  subject: string;
  sign(payload: unknown): Promise<string>;
}

export class TestSigning implements Signing {
  private readonly ca: x509.X509Certificate;
  private readonly caKey: webcrypto.CryptoKey;

  private constructor(ca: x509.X509Certificate, caKey: webcrypto.CryptoKey) {
    this.ca = ca;
    this.caKey = caKey;
  }

  static async create(): Promise<TestSigning> {
    const keys = (await webcrypto.subtle.generateKey(EC, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    const ca = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: [{ CN: ['Civitas test signing CA'] }, { C: ['BG'] }],
      keys,
      signingAlgorithm: ES256,
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
      extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
    });
    return new TestSigning(ca, keys.privateKey);
  }

  /** A person's signing key and certificate from this CA. */
  async signer(subject: string, name = 'Test Person'): Promise<TestSigner> {
    const keys = (await webcrypto.subtle.generateKey(EC, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    const leaf = await x509.X509CertificateGenerator.create({
      serialNumber: webcrypto.randomUUID().replace(/-/g, '').slice(0, 16),
      subject: [{ CN: [name] }, { '2.5.4.5': [`PNOBG-${subject}`] }, { C: ['BG'] }],
      issuer: this.ca.subject,
      publicKey: keys.publicKey,
      signingKey: this.caKey,
      signingAlgorithm: ES256,
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 86_400_000),
    });
    const x5c = [leaf, this.ca].map((c) => Buffer.from(c.rawData).toString('base64'));
    return {
      subject,
      sign: (payload) =>
        new CompactSign(new TextEncoder().encode(canonicalJson(payload)))
          .setProtectedHeader({
            alg: 'ES256',
            typ: 'jose',
            cty: 'json',
            x5c,
            sigT: new Date().toISOString(),
            crit: ['sigT'],
          })
          .sign(keys.privateKey, { crit: { sigT: true } }),
    };
  }

  async verifyJades(jws: string, options: { expectedSigner?: string } = {}): Promise<SignatureCheck> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(jws);
    } catch {
      throw new AppError('eservice-signature-mismatch', 'not a JWS');
    }
    const chain = (header.x5c ?? []).map((der) => new x509.X509Certificate(Buffer.from(der, 'base64')));
    const leaf = chain[0];
    if (!leaf || !(await leaf.verify({ publicKey: this.ca.publicKey, signatureOnly: true })))
      throw new AppError('eservice-signature-mismatch', 'the certificate is not from the test CA');
    const key = await leaf.publicKey.export(EC, ['verify']);
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(jws, key, { crit: { sigT: true } }));
    } catch {
      throw new AppError('eservice-signature-mismatch', 'the signature does not verify');
    }
    const subject = /^PNOBG-(\d+)$/.exec(leaf.subjectName.getField('2.5.4.5')[0] ?? '')?.[1] ?? '';
    if (options.expectedSigner && subject !== options.expectedSigner)
      throw new AppError('eservice-signature-mismatch', 'signed by another person');
    return {
      valid: true,
      signer: { kind: 'person', subject, name: leaf.subjectName.getField('CN')[0] ?? '' },
      signedAt: String(header.sigT),
      certificate: {
        serial: leaf.serialNumber,
        issuer: leaf.issuer,
        notBefore: leaf.notBefore.toISOString(),
        notAfter: leaf.notAfter.toISOString(),
      },
      payload: JSON.parse(new TextDecoder().decode(payload)),
    };
  }
}
