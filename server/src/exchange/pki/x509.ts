/**
 * The one place that configures @peculiar/x509: it needs a WebCrypto provider, and setting it
 * once here means every PKI module gets the same one by importing `x509` from this file.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(globalThis.crypto);

export { x509 };

/** ECDSA P-256 with SHA-256 everywhere: fast key generation and the curve behind ES256. */
export const ecKeyAlgorithm = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ecSigningAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** Backdating notBefore by a few minutes keeps a freshly issued certificate valid on peers whose clocks lag. */
export const clockSkewMs = 5 * 60 * 1000;
export const dayMs = 24 * 60 * 60 * 1000;

export function parseCertificate(certificatePem: string): x509.X509Certificate {
  return new x509.X509Certificate(certificatePem);
}
