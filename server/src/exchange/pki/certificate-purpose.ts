import { x509 } from './x509.ts';

export type CertificatePurpose = 'tls' | 'signing';

/**
 * Keeps keys to their job: a node's TLS key must not sign messages on behalf of a member, and a
 * member's signing key must not authenticate a node. A CA certificate is never an end entity.
 */
export function fitsPurpose(
  certificate: x509.X509Certificate,
  purpose: CertificatePurpose | undefined,
): boolean {
  if (certificate.getExtension(x509.BasicConstraintsExtension)?.ca) return false;
  if (purpose === undefined) return true;
  const usages = certificate.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  const extendedUsages = certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages ?? [];
  switch (purpose) {
    case 'tls':
      return (
        has(usages, x509.KeyUsageFlags.digitalSignature) &&
        extendedUsages.includes(x509.ExtendedKeyUsage.serverAuth) &&
        extendedUsages.includes(x509.ExtendedKeyUsage.clientAuth)
      );
    case 'signing':
      return has(usages, x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
  }
}

function has(usages: number, required: number): boolean {
  return (usages & required) === required;
}
