import { type CertificatePurpose, fitsPurpose } from './certificate-purpose.ts';
import { normalizeSerial } from './serial.ts';
import { parseCertificate, x509 } from './x509.ts';

export { certificateSerial, certificateSubjectCommonName, publicKeyJwkOf } from './certificate-fields.ts';
export type { CertificatePurpose } from './certificate-purpose.ts';

export type CertificateRejection =
  | 'malformed'
  | 'untrusted'
  | 'expired'
  | 'not-yet-valid'
  | 'revoked'
  | 'wrong-purpose';

export type CertificateCheck =
  | { ok: true /** The subject CN: node id or member id. */; subject: string; serialNumber: string }
  | { ok: false; reason: CertificateRejection };

export interface CertificateVerificationOptions {
  /** The trust anchor; several during a CA rollover (the global configuration lists them all). */
  caPem: string | readonly string[];
  /** Lower-case hex serials; case and leading zeros are ignored. */
  revokedSerials: ReadonlySet<string> | readonly string[];
  at?: Date;
  purpose?: CertificatePurpose;
}

/**
 * Decides whether a peer's certificate may be relied on. Never throws: anything that cannot be
 * parsed is 'malformed', and a CA that cannot be parsed trusts nothing.
 */
export async function verifyCertificate(
  certificatePem: string,
  { caPem, revokedSerials, at = new Date(), purpose }: CertificateVerificationOptions,
): Promise<CertificateCheck> {
  const certificate = tryParse(certificatePem);
  if (!certificate) return rejected('malformed');

  const issuer = await findIssuingAuthority(certificate, typeof caPem === 'string' ? [caPem] : caPem);
  if (!issuer) return rejected('untrusted');

  for (const checked of [issuer, certificate]) {
    if (at < checked.notBefore) return rejected('not-yet-valid');
    if (at > checked.notAfter) return rejected('expired');
  }

  const serialNumber = normalizeSerial(certificate.serialNumber);
  if (isRevoked(serialNumber, revokedSerials)) return rejected('revoked');

  if (!fitsPurpose(certificate, purpose)) return rejected('wrong-purpose');

  const subject = certificate.subjectName.getField('CN')[0];
  if (subject === undefined) return rejected('malformed');
  return { ok: true, subject, serialNumber };
}

async function findIssuingAuthority(
  certificate: x509.X509Certificate,
  caPems: readonly string[],
): Promise<x509.X509Certificate | null> {
  for (const caPem of caPems) {
    const ca = tryParse(caPem);
    if (!ca || !isCertificateAuthority(ca) || ca.subject !== certificate.issuer) continue;
    const signedByCa = await certificate
      .verify({ publicKey: ca.publicKey, signatureOnly: true })
      .catch(() => false);
    if (signedByCa) return ca;
  }
  return null;
}

function isCertificateAuthority(certificate: x509.X509Certificate): boolean {
  return certificate.getExtension(x509.BasicConstraintsExtension)?.ca === true;
}

function isRevoked(serialNumber: string, revokedSerials: ReadonlySet<string> | readonly string[]): boolean {
  for (const revoked of revokedSerials) {
    if (normalizeSerial(revoked) === serialNumber) return true;
  }
  return false;
}

function tryParse(pem: string): x509.X509Certificate | null {
  try {
    return parseCertificate(pem);
  } catch {
    return null;
  }
}

function rejected(reason: CertificateRejection): CertificateCheck {
  return { ok: false, reason };
}
