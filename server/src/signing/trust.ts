import type { webcrypto } from 'node:crypto';
import { AppError } from '../kernel/index.ts';
import type { SigningAuthority } from './authority.ts';
import {
  CLOCK_SKEW_MS,
  EC_KEY,
  nameAttribute,
  OID_ORGANIZATION_IDENTIFIER,
  OID_SERIAL_NUMBER,
  x509,
} from './x509.ts';

/** Who signed, as the certificate says. */
export type Signer =
  | { kind: 'person'; subject: string; name: string }
  | { kind: 'seal'; administration: string; name: string };

export interface TrustedSigner {
  signer: Signer;
  certificate: { serial: string; issuer: string; notBefore: string; notAfter: string };
  publicKey: webcrypto.CryptoKey;
}

function untrusted(detail: string): AppError {
  return new AppError('signature-certificate-untrusted', detail);
}

/**
 * Whether a signer's certificate is one our signing CA issued (its signature, and our own record
 * of it), valid at the claimed signing time, for non-repudiation, and not revoked.
 */
export async function trustedSigner(
  authority: SigningAuthority,
  leafDer: Uint8Array,
  signedAt: Date,
  now: Date,
): Promise<TrustedSigner> {
  let leaf: x509.X509Certificate;
  try {
    leaf = new x509.X509Certificate(leafDer);
  } catch {
    throw new AppError('signature-invalid', "The signer's certificate is not X.509.");
  }
  const ca = await authority.caCertificate();
  const issuedByCa =
    leaf.issuer === ca.subject &&
    (await leaf.verify({ publicKey: ca.publicKey, signatureOnly: true }).catch(() => false));
  if (!issuedByCa) throw untrusted('The certificate was not issued by the Civitas signing CA.');
  const record = await authority.issued(leaf.serialNumber);
  if (!record || record.certificate !== Buffer.from(leafDer).toString('base64') || record.kind === 'ca') {
    throw untrusted('The signing CA has no record of this certificate.');
  }
  if (signedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw new AppError('signature-invalid', 'sigT is in the future.');
  if (signedAt < leaf.notBefore || signedAt > leaf.notAfter) {
    throw untrusted(
      `The certificate was not valid at the signing time (valid ${leaf.notBefore.toISOString()} to ${leaf.notAfter.toISOString()}).`,
    );
  }
  if (record.revoked_at) throw new AppError('signature-certificate-revoked');
  const usage = leaf.getExtension(x509.KeyUsagesExtension);
  if (!usage || (usage.usages & x509.KeyUsageFlags.nonRepudiation) === 0) {
    throw untrusted('The certificate is not for signatures (no nonRepudiation key usage).');
  }
  const algorithm = leaf.publicKey.algorithm as webcrypto.EcKeyAlgorithm;
  if (algorithm.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256')
    throw untrusted('The certificate is not for a P-256 key.');
  return {
    signer: signerOf(leaf, record.kind, record.holder),
    certificate: {
      serial: record.serial,
      issuer: leaf.issuer,
      notBefore: leaf.notBefore.toISOString(),
      notAfter: leaf.notAfter.toISOString(),
    },
    publicKey: await leaf.publicKey.export(EC_KEY, ['verify']),
  };
}

function signerOf(leaf: x509.X509Certificate, kind: 'person' | 'seal', holder: string): Signer {
  const name = nameAttribute(leaf.subjectName, 'CN') ?? '';
  if (kind === 'seal') {
    if (!nameAttribute(leaf.subjectName, OID_ORGANIZATION_IDENTIFIER))
      throw untrusted('An e-seal names its organisation.');
    return { kind: 'seal', administration: holder, name };
  }
  const serialNumber = nameAttribute(leaf.subjectName, OID_SERIAL_NUMBER) ?? '';
  const personalNumber = /^PNO[A-Z]{2}-(.+)$/.exec(serialNumber)?.[1];
  if (personalNumber !== holder) throw untrusted('The certificate does not name its holder (serialNumber).');
  return { kind: 'person', subject: personalNumber, name };
}
