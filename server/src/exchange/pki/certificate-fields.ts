/**
 * Readers for the fields other modules need from a certificate. They throw on a PEM that does
 * not parse: call `verifyCertificate` first when the input is untrusted.
 */
import type { webcrypto } from 'node:crypto';
import { normalizeSerial } from './serial.ts';
import { ecKeyAlgorithm, parseCertificate } from './x509.ts';

/** Lower-case hex, no leading zeros: the form `revokedCertificates` uses. */
export function certificateSerial(certificatePem: string): string {
  return normalizeSerial(parseCertificate(certificatePem).serialNumber);
}

/** The subject CN: the node id of a TLS certificate, the member id of a signing certificate. */
export function certificateSubjectCommonName(certificatePem: string): string | null {
  return parseCertificate(certificatePem).subjectName.getField('CN')[0] ?? null;
}

/** The certificate's EC public key as a JWK, to verify ES256 JWS with jose. */
export async function publicKeyJwkOf(certificatePem: string): Promise<webcrypto.JsonWebKey> {
  const publicKey = await parseCertificate(certificatePem).publicKey.export(ecKeyAlgorithm, ['verify']);
  return crypto.subtle.exportKey('jwk', publicKey);
}
