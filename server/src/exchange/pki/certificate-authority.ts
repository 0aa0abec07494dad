import { generateEcKeyPair, privateKeyToPem } from './keys.ts';
import { randomSerialNumber } from './serial.ts';
import { clockSkewMs, dayMs, ecSigningAlgorithm, x509 } from './x509.ts';

/** The platform certificate authority: a self-signed root that issues node and member certificates. */
export interface CertificateAuthority {
  certificatePem: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
}

export interface CertificateAuthorityOptions {
  commonName: string;
  validDays: number;
}

export async function createCertificateAuthority({
  commonName,
  validDays,
}: CertificateAuthorityOptions): Promise<CertificateAuthority> {
  const keys = await generateEcKeyPair();
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: [{ CN: [commonName] }],
    keys,
    signingAlgorithm: ecSigningAlgorithm,
    notBefore: new Date(now - clockSkewMs),
    notAfter: new Date(now + validDays * dayMs),
    extensions: [
      // pathLength 0: the root signs end-entity certificates only, never a sub-CA.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certificatePem: certificate.toString('pem'),
    privateKeyPem: await privateKeyToPem(keys.privateKey),
  };
}
