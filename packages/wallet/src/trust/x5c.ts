/**
 * X.509 trust for credentials (browser-safe): an `x5c` chain is checked up to one of the verifier's
 * trust anchors — each signature, each validity period, basic constraints and key usage of every
 * CA — and answers the leaf's key and its subject. Verified chains are cached by their bytes (and
 * the anchors), so a verifier pays for a chain once; the cached answer still checks the dates.
 */
// @peculiar/x509 needs a Reflect metadata polyfill (tsyringe) before it loads, in Node and browsers.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { WalletVerificationError } from '../errors.ts';
import type { X509Signer } from '../formats.ts';
import { fromBase64 } from './encoding.ts';
import { ECDSA_P256, ES256, type WebCryptoKey } from './jws.ts';

export interface CertificateSubject {
  /** The organisation name (O), or the common name (CN) when there is none. */
  name: string;
  /** The ISO 3166 country code (C), when given. */
  country: string | null;
}

export interface VerifiedChain {
  /** The leaf certificate's public key, imported for ES256 verification. */
  publicKey: WebCryptoKey;
  subject: CertificateSubject;
  /** The period in which every certificate of the path (anchor included) is valid. */
  notBefore: Date;
  notAfter: Date;
}

const MAX_CHAIN = 5;
const MAX_CERTIFICATE_CHARS = 16_384;

function untrusted(detail: string): never {
  throw new WalletVerificationError('issuer-chain-untrusted', detail);
}

function malformed(detail: string): never {
  throw new WalletVerificationError('credential-malformed', detail);
}

/** A trust anchor as base64 DER or PEM; anything else is refused. */
export function parseCertificate(text: string): x509.X509Certificate {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_CERTIFICATE_CHARS)
    throw new Error('certificate missing or too long');
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN CERTIFICATE-----')) return new x509.X509Certificate(trimmed);
  return new x509.X509Certificate(fromBase64(trimmed));
}

function parseChain(x5c: readonly unknown[]): x509.X509Certificate[] {
  if (!Array.isArray(x5c) || x5c.length === 0) malformed('x5c is missing or empty');
  if (x5c.length > MAX_CHAIN) malformed(`x5c has more than ${MAX_CHAIN} certificates`);
  return x5c.map((entry, i) => {
    if (typeof entry !== 'string') malformed(`x5c[${i}] is not a string`);
    try {
      return new x509.X509Certificate(fromBase64(entry));
    } catch {
      return malformed(`x5c[${i}] is not a base64 DER certificate`);
    }
  });
}

function subjectOf(certificate: x509.X509Certificate): CertificateSubject {
  const name = certificate.subjectName.getField('O')[0] ?? certificate.subjectName.getField('CN')[0] ?? '';
  return { name, country: certificate.subjectName.getField('C')[0] ?? null };
}

function checkDates(certificate: x509.X509Certificate, now: Date, role: string) {
  if (now < certificate.notBefore)
    throw new WalletVerificationError(
      'issuer-certificate-expired',
      `the ${role} certificate is not yet valid`,
    );
  if (now > certificate.notAfter)
    throw new WalletVerificationError('issuer-certificate-expired', `the ${role} certificate has expired`);
}

/** A certificate that signs another must be a CA allowed to sign certificates, within its path length. */
function checkCa(certificate: x509.X509Certificate, below: number, role: string) {
  const constraints = certificate.getExtension(x509.BasicConstraintsExtension);
  if (!constraints?.ca) untrusted(`the ${role} certificate is not a CA`);
  if (constraints.pathLength !== undefined && below > constraints.pathLength)
    untrusted(`the ${role} certificate's path length constraint is exceeded`);
  const usage = certificate.getExtension(x509.KeyUsagesExtension);
  if (usage && (usage.usages & x509.KeyUsageFlags.keyCertSign) === 0)
    untrusted(`the ${role} certificate may not sign certificates`);
}

async function checkSignedBy(child: x509.X509Certificate, parent: x509.X509Certificate, role: string) {
  if (child.issuer !== parent.subject) untrusted(`the ${role} certificate's issuer does not match`);
  let valid = false;
  try {
    valid = await child.verify({ publicKey: parent, signatureOnly: true }, crypto);
  } catch {
    valid = false;
  }
  if (!valid) untrusted(`the ${role} certificate's signature does not verify`);
}

function sameCertificate(a: x509.X509Certificate, b: x509.X509Certificate): boolean {
  const x = new Uint8Array(a.rawData);
  const y = new Uint8Array(b.rawData);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

/** The anchor that issued the chain's last certificate (or is that certificate). */
async function findAnchor(last: x509.X509Certificate, anchors: readonly x509.X509Certificate[]) {
  const same = anchors.find((anchor) => sameCertificate(anchor, last));
  if (same) return { anchor: same, included: true };
  for (const anchor of anchors.filter((candidate) => candidate.subject === last.issuer)) {
    try {
      if (await last.verify({ publicKey: anchor, signatureOnly: true }, crypto))
        return { anchor, included: false };
    } catch {
      // another anchor with the same name may have signed it
    }
  }
  return untrusted('the chain does not lead to a trust anchor');
}

async function leafKey(leaf: x509.X509Certificate): Promise<WebCryptoKey> {
  const algorithm = leaf.publicKey.algorithm as { name: string; namedCurve?: string };
  if (algorithm.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256')
    malformed('the signing certificate does not hold an EC P-256 key');
  const usage = leaf.getExtension(x509.KeyUsagesExtension);
  if (usage && (usage.usages & x509.KeyUsageFlags.digitalSignature) === 0)
    untrusted('the signing certificate may not sign');
  return leaf.publicKey.export(ECDSA_P256, ['verify'], crypto);
}

async function buildPath(
  x5c: readonly string[],
  trustAnchors: readonly string[],
  now: Date,
): Promise<VerifiedChain> {
  const chain = parseChain(x5c);
  const anchors = trustAnchors.flatMap((text) => {
    try {
      return [parseCertificate(text)];
    } catch {
      return [];
    }
  });
  if (anchors.length === 0) untrusted('no trust anchors');
  const last = chain[chain.length - 1] as x509.X509Certificate;
  const { anchor, included } = await findAnchor(last, anchors);
  const path = included ? chain : [...chain, anchor];
  path.forEach((certificate, i) => {
    checkDates(certificate, now, i === 0 ? 'signing' : i === path.length - 1 ? 'anchor' : 'intermediate');
  });
  for (let i = 1; i < path.length; i++) checkCa(path[i] as x509.X509Certificate, i - 1, `path[${i}]`);
  for (let i = 0; i < chain.length - 1; i++)
    await checkSignedBy(chain[i] as x509.X509Certificate, chain[i + 1] as x509.X509Certificate, `x5c[${i}]`);
  const leaf = chain[0] as x509.X509Certificate;
  return {
    publicKey: await leafKey(leaf),
    subject: subjectOf(leaf),
    notBefore: new Date(Math.max(...path.map((certificate) => certificate.notBefore.getTime()))),
    notAfter: new Date(Math.min(...path.map((certificate) => certificate.notAfter.getTime()))),
  };
}

const verifiedChains = new Map<string, Promise<VerifiedChain>>();
const CHAIN_CACHE_LIMIT = 256;

/**
 * Checks an `x5c` chain (base64 DER, leaf first, the anchor itself optional) up to one of the trust
 * anchors (base64 DER or PEM) at `now`, and answers the leaf's key and subject. Throws
 * `WalletVerificationError`: `credential-malformed` (not certificates), `issuer-certificate-expired`
 * (any certificate of the path outside its validity), `issuer-chain-untrusted` (anything else).
 */
export async function verifyCertificateChain(
  x5c: readonly string[],
  trustAnchors: readonly string[],
  now: Date,
): Promise<VerifiedChain> {
  if (!Array.isArray(x5c) || x5c.some((entry) => typeof entry !== 'string'))
    malformed('x5c is not a list of strings');
  const id = `${trustAnchors.join('|')}#${x5c.join('|')}`;
  let pending = verifiedChains.get(id);
  if (!pending) {
    if (verifiedChains.size >= CHAIN_CACHE_LIMIT) verifiedChains.clear();
    // Cached with the dates of the first check; dates are checked again below for each use.
    pending = buildPath(x5c, trustAnchors, now);
    verifiedChains.set(id, pending);
    pending.catch(() => verifiedChains.delete(id));
  }
  const verified = await pending;
  if (now < verified.notBefore || now > verified.notAfter) {
    verifiedChains.delete(id);
    return buildPath(x5c, trustAnchors, now);
  }
  return verified;
}

/** An `X509Signer` over a WebCrypto ECDSA P-256 private key (may be non-extractable) and its chain. */
export function x509Signer(privateKey: WebCryptoKey, x5c: readonly string[]): X509Signer {
  return {
    alg: 'ES256',
    x5c: [...x5c],
    sign: async (data) =>
      new Uint8Array(await crypto.subtle.sign(ES256, privateKey, data as Uint8Array<ArrayBuffer>)),
  };
}
