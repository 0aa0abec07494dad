import * as asn1js from 'asn1js';
import { AppError } from '../kernel/index.ts';
import { OID_EC_PUBLIC_KEY, OID_P256, x509 } from './x509.ts';

const PEM =
  /^-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END (?:NEW )?CERTIFICATE REQUEST-----\s*$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The DER of a PKCS#10 request sent as PEM or as base64 DER. */
function derOf(text: string): Buffer {
  const trimmed = text.trim();
  const pem = PEM.exec(trimmed);
  const base64 = pem ? pem[1]!.replace(/\s+/g, '') : trimmed;
  if (!BASE64.test(base64))
    throw new AppError('signing-csr-malformed', 'Send the request as PEM or base64 DER.');
  return Buffer.from(base64, 'base64');
}

/**
 * A PKCS#10 request checked: DER that parses, an EC key on P-256, and a signature by that key
 * (proof of possession). Only the key is taken from it: the name comes from the register.
 */
export async function checkedCertificateRequest(text: string): Promise<x509.PublicKey> {
  let request: x509.Pkcs10CertificateRequest;
  try {
    const der = derOf(text);
    // One DER element and nothing after it (no trailing bytes a second reading could differ on).
    if (asn1js.fromBER(der).offset !== der.length) throw new Error('trailing bytes');
    request = new x509.Pkcs10CertificateRequest(der);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('signing-csr-malformed');
  }
  const publicKey = request.publicKey;
  const algorithm = publicKey.algorithm as { name?: string; namedCurve?: string };
  const spki = new x509.PublicKey(publicKey.rawData);
  if (algorithm.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256' || !isP256(spki)) {
    throw new AppError(
      'signing-csr-key-unsupported',
      `The key is ${algorithm.name ?? 'unknown'}${algorithm.namedCurve ? ` on ${algorithm.namedCurve}` : ''}.`,
    );
  }
  const possessed = await request.verify().catch(() => false);
  if (!possessed) throw new AppError('signing-csr-signature-invalid');
  return publicKey;
}

/** The SubjectPublicKeyInfo names id-ecPublicKey on prime256v1 (not only what the library inferred). */
function isP256(key: x509.PublicKey): boolean {
  const hex = Buffer.from(key.rawData).toString('hex');
  return hex.includes(oidHex(OID_EC_PUBLIC_KEY)) && hex.includes(oidHex(OID_P256));
}

function oidHex(oid: string): string {
  const [first, second, ...rest] = oid.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const groups: number[] = [];
    let value = arc;
    do {
      groups.unshift(value & 0x7f);
      value = Math.floor(value / 128);
    } while (value > 0);
    bytes.push(...groups.map((group, index) => (index < groups.length - 1 ? group | 0x80 : group)));
  }
  return Buffer.from([0x06, bytes.length, ...bytes]).toString('hex');
}
