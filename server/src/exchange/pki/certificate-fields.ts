/**
 * Readers for the fields other modules need from a certificate. They throw on a PEM that does
 * not parse: call `verifyCertificate` first when the input is untrusted.
 */
import type { webcrypto } from 'node:crypto';
import { normalizeSerial } from './serial.ts';
import { ecKeyAlgorithm, parseCertificate } from './x509.ts';

/** Lower-case hex, no leading zeros: the form `revokedCertificates` uses. */
export function certificateSerial(certificatePem: string): string {
  // Nodes ask this for the same few certificates on every message; parsing X.509 in JavaScript
  // costs about a millisecond, so the answers (a pure function of the PEM) are remembered.
  let serial = serials.get(certificatePem);
  if (serial === undefined) {
    serial = normalizeSerial(parseCertificate(certificatePem).serialNumber);
    if (serials.size >= SERIALS_CACHED) serials.clear();
    serials.set(certificatePem, serial);
  }
  return serial;
}

const SERIALS_CACHED = 1_000;
const serials = new Map<string, string>();

/** The subject CN: the node id of a TLS certificate, the member id of a signing certificate. */
export function certificateSubjectCommonName(certificatePem: string): string | null {
  return parseCertificate(certificatePem).subjectName.getField('CN')[0] ?? null;
}

/** The certificate's EC public key as a JWK, to verify ES256 JWS with jose. */
export async function publicKeyJwkOf(certificatePem: string): Promise<webcrypto.JsonWebKey> {
  const publicKey = await parseCertificate(certificatePem).publicKey.export(ecKeyAlgorithm, ['verify']);
  return crypto.subtle.exportKey('jwk', publicKey);
}
