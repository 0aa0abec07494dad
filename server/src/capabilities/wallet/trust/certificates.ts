import type { webcrypto } from 'node:crypto';
import { CLOCK_SKEW_MS, DAY_MS, EC_KEY, ES256, toBase64, x509 } from './x509.ts';

/** A key pair and its certificate, as made here: the private key goes to the key store, never the database. */
export interface MadeCertificate {
  /** Base64 DER. */
  certificate: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  serial: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

export interface CaRequest {
  country: string;
  organisation: string;
  commonName: string;
  validDays: number;
  now: Date;
}

export interface LeafRequest {
  country: string;
  organisation: string;
  commonName: string;
  validDays: number;
  now: Date;
  /** Extended key usages (OIDs). */
  extendedKeyUsages: readonly string[];
  dnsName?: string;
}

/** The issuing CA's certificate and private key. */
export interface CaKey {
  certificate: string;
  privateKey: webcrypto.CryptoKey;
}

function nameOf(country: string, organisation: string, commonName: string): x509.JsonName {
  return [{ C: [country] }, { O: [organisation] }, { CN: [commonName] }];
}

function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // A clear top bit keeps the DER INTEGER positive; a non-zero first nibble keeps the hex 32 digits.
  bytes[0] = 0x10 + (bytes[0]! % 0x70);
  return Buffer.from(bytes).toString('hex');
}

async function exportPem(privateKey: webcrypto.CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', privateKey), 'PRIVATE KEY');
}

/**
 * A root CA in the manner of an ISO 18013-5 IACA: self-signed, CA with pathLen 0 (it signs end
 * entities only), keyCertSign and cRLSign, the country and the organisation in its subject.
 */
export async function makeRootCertificate(request: CaRequest): Promise<MadeCertificate> {
  const keys = await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const notBefore = new Date(request.now.getTime() - CLOCK_SKEW_MS);
  const notAfter = new Date(request.now.getTime() + request.validDays * DAY_MS);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: nameOf(request.country, request.organisation, request.commonName),
    keys,
    signingAlgorithm: ES256,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return madeOf(certificate, await exportPem(keys.privateKey));
}

/** An end-entity certificate (digitalSignature only) signed by `ca`. */
export async function makeLeafCertificate(ca: CaKey, request: LeafRequest): Promise<MadeCertificate> {
  const caCertificate = new x509.X509Certificate(Buffer.from(ca.certificate, 'base64'));
  const keys = await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const notBefore = new Date(request.now.getTime() - CLOCK_SKEW_MS);
  // Never past the CA's own end: a chain is only as valid as its shortest link.
  const notAfter = new Date(
    Math.min(request.now.getTime() + request.validDays * DAY_MS, caCertificate.notAfter.getTime()),
  );
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(caCertificate.publicKey),
  ];
  if (request.extendedKeyUsages.length > 0) {
    extensions.push(new x509.ExtendedKeyUsageExtension([...request.extendedKeyUsages], true));
  }
  if (request.dnsName) {
    extensions.push(new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: request.dnsName }]));
  }
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: nameOf(request.country, request.organisation, request.commonName),
    issuer: caCertificate.subjectName.toJSON(),
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    signingAlgorithm: ES256,
    notBefore,
    notAfter,
    extensions,
  });
  return madeOf(certificate, await exportPem(keys.privateKey));
}

function madeOf(certificate: x509.X509Certificate, privateKeyPem: string): MadeCertificate {
  return {
    certificate: toBase64(certificate.rawData),
    privateKeyPem,
    serial: certificate.serialNumber.toLowerCase(),
    subject: certificate.subject,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}

/** The PKCS#8 PEM as a non-extractable ES256 signing key. */
export function importSigningKey(privateKeyPem: string): Promise<webcrypto.CryptoKey> {
  const pkcs8 = x509.PemConverter.decodeFirst(privateKeyPem);
  return crypto.subtle.importKey('pkcs8', pkcs8, EC_KEY, false, ['sign']);
}

/** ES256 as JOSE and COSE want it: WebCrypto's ECDSA answers r‖s (64 bytes) already. */
export async function signEs256(key: webcrypto.CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(ES256, key, data));
}
