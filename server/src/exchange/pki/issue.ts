import type { CertificateAuthority } from './certificate-authority.ts';
import { generateEcKeyPair, importPrivateKeyPem, privateKeyToPem } from './keys.ts';
import { normalizeSerial, randomSerialNumber } from './serial.ts';
import { clockSkewMs, dayMs, ecSigningAlgorithm, parseCertificate, x509 } from './x509.ts';

export interface IssuedCertificate {
  certificatePem: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** Lower-case hex, no leading zeros. */
  serialNumber: string;
  /** ISO 8601. */
  notAfter: string;
}

export interface NodeCertificateRequest {
  nodeId: string;
  hostnames: string[];
  ipAddresses: string[];
  validDays?: number;
}

export interface SigningCertificateRequest {
  /** `INSTANCE/CLASS/CODE`, e.g. `BG/GOV/000695235`. */
  memberId: string;
  validDays?: number;
}

const defaultValidDays = 365;

/** A TLS certificate a node presents both as server and as client in mutual TLS. */
export async function issueNodeCertificate(
  ca: CertificateAuthority,
  { nodeId, hostnames, ipAddresses, validDays = defaultValidDays }: NodeCertificateRequest,
): Promise<IssuedCertificate> {
  if (hostnames.length + ipAddresses.length === 0) {
    throw new Error('A node certificate needs at least one hostname or IP address');
  }
  const subjectAltNames = [
    ...hostnames.map((value) => ({ type: 'dns' as const, value })),
    ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
  ];
  return issue(ca, nodeId, validDays, [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
    new x509.SubjectAlternativeNameExtension(subjectAltNames),
  ]);
}

/**
 * A member's signing certificate. The member id is the subject CN, so `certificateSubjectCommonName`
 * reads it back; nonRepudiation marks it as a key that signs messages, never a TLS key.
 */
export async function issueSigningCertificate(
  ca: CertificateAuthority,
  { memberId, validDays = defaultValidDays }: SigningCertificateRequest,
): Promise<IssuedCertificate> {
  if (!/^[^/\s]+\/[^/\s]+\/[^/\s]+$/.test(memberId)) {
    throw new Error(`Not a member id (INSTANCE/CLASS/CODE): ${memberId}`);
  }
  return issue(ca, memberId, validDays, [
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true,
    ),
  ]);
}

async function issue(
  ca: CertificateAuthority,
  commonName: string,
  validDays: number,
  purposeExtensions: x509.Extension[],
): Promise<IssuedCertificate> {
  const caCertificate = parseCertificate(ca.certificatePem);
  const [keys, caSigningKey] = await Promise.all([
    generateEcKeyPair(),
    importPrivateKeyPem(ca.privateKeyPem),
  ]);
  const now = Date.now();
  const notAfter = new Date(now + validDays * dayMs);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: [{ CN: [commonName] }],
    issuer: caCertificate.subjectName.toJSON(),
    publicKey: keys.publicKey,
    signingKey: caSigningKey,
    signingAlgorithm: ecSigningAlgorithm,
    notBefore: new Date(now - clockSkewMs),
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      ...purposeExtensions,
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCertificate.publicKey),
    ],
  });
  return {
    certificatePem: certificate.toString('pem'),
    privateKeyPem: await privateKeyToPem(keys.privateKey),
    serialNumber: normalizeSerial(certificate.serialNumber),
    notAfter: certificate.notAfter.toISOString(),
  };
}
