/**
 * A throwaway PKI for tests and demos (browser-safe): a root CA, optionally an intermediate CA, and
 * a signing certificate with its WebCrypto key, as the issuer's and verifier's tests need them.
 * Never for production keys: the platform's PKI issues those.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { X509Signer } from '../formats.ts';
import { base64 } from './encoding.ts';
import { ECDSA_P256, ES256, type WebCryptoKey, type WebCryptoKeyPair } from './jws.ts';
import { x509Signer } from './x5c.ts';

const DAY = 24 * 60 * 60 * 1000;

export interface TestPkiOptions {
  /** Defaults to now. */
  now?: Date;
  /** The organisation in the signing certificate. */
  organisation?: string;
  country?: string;
  /** Put an intermediate CA between the root and the signer. */
  intermediate?: boolean;
  /** The signing certificate's validity around `now`, in days (negative `validDays` = already expired). */
  validDays?: number;
  /** Make the signing certificate's issuer a certificate without the CA flag (a broken chain). */
  signerIssuedByLeaf?: boolean;
}

export interface TestPki {
  /** The root certificate as base64 DER (a trust anchor). */
  root: string;
  rootPem: string;
  /** The chain to put in `x5c`: the signer's certificate first, then the intermediate (root left out). */
  x5c: string[];
  privateKey: WebCryptoKey;
  publicKey: WebCryptoKey;
  signer: X509Signer;
}

type KeyPair = WebCryptoKeyPair;

const generate = () => crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']) as Promise<KeyPair>;

async function caCertificate(
  name: string,
  keys: KeyPair,
  issuer: { name: string; keys: KeyPair } | null,
  now: Date,
) {
  const extensions = [
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  ];
  const common = {
    serialNumber: String(10 + Math.floor(Math.random() * 1e6)),
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 3650 * DAY),
    signingAlgorithm: ES256,
    extensions,
  };
  if (!issuer) return x509.X509CertificateGenerator.createSelfSigned({ ...common, name, keys }, crypto);
  return x509.X509CertificateGenerator.create(
    {
      ...common,
      subject: name,
      issuer: issuer.name,
      publicKey: keys.publicKey,
      signingKey: issuer.keys.privateKey,
    },
    crypto,
  );
}

/** Makes a root (and intermediate) CA and a signing certificate valid around `now`. */
export async function createTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const now = options.now ?? new Date();
  const rootKeys = await generate();
  const rootName = 'CN=Civitas Test Root CA, O=Civitas, C=BG';
  const root = await caCertificate(rootName, rootKeys, null, now);
  let parent = { name: rootName, keys: rootKeys };
  const chain: x509.X509Certificate[] = [];
  if (options.intermediate) {
    const keys = await generate();
    const name = 'CN=Civitas Test Issuing CA, O=Civitas, C=BG';
    chain.unshift(await caCertificate(name, keys, parent, now));
    parent = { name, keys };
  }
  if (options.signerIssuedByLeaf) {
    const keys = await generate();
    const name = 'CN=Not a CA, O=Civitas, C=BG';
    chain.unshift(await signingCertificate(name, keys, parent, now, 365));
    parent = { name, keys };
  }
  const signerKeys = await generate();
  const signerName = `CN=Credential Issuer, O=${options.organisation ?? 'Civitas Test Issuer'}, C=${options.country ?? 'BG'}`;
  chain.unshift(await signingCertificate(signerName, signerKeys, parent, now, options.validDays ?? 365));
  const x5c = chain.map((certificate) => base64(new Uint8Array(certificate.rawData)));
  return {
    root: base64(new Uint8Array(root.rawData)),
    rootPem: root.toString('pem'),
    x5c,
    privateKey: signerKeys.privateKey,
    publicKey: signerKeys.publicKey,
    signer: x509Signer(signerKeys.privateKey, x5c),
  };
}

function signingCertificate(
  name: string,
  keys: KeyPair,
  issuer: { name: string; keys: KeyPair },
  now: Date,
  days: number,
) {
  const [notBefore, notAfter] =
    days >= 0
      ? [new Date(now.getTime() - DAY), new Date(now.getTime() + days * DAY)]
      : [new Date(now.getTime() + (days - 30) * DAY), new Date(now.getTime() + days * DAY)];
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: String(1000 + Math.floor(Math.random() * 1e6)),
      subject: name,
      issuer: issuer.name,
      publicKey: keys.publicKey,
      signingKey: issuer.keys.privateKey,
      notBefore,
      notAfter,
      signingAlgorithm: ES256,
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
    },
    crypto,
  );
}
