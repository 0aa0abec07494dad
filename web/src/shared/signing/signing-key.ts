/**
 * The citizen's signing key (ports.md §2, browser side): a non-extractable P-256 WebCrypto key
 * kept in IndexedDB with the certificate the platform's signing CA issued for it (asked once,
 * after an eID sign-in), per signed-in person. The private key never leaves the browser: only a
 * PKCS#10 request (made with @peculiar/x509 over WebCrypto) does.
 */
import type { SigningCertificate } from '@civitas/contracts/api/signing.ts';
import { openDB } from 'idb';
import { apiSend } from '../api/api-client.ts';
import { readSession } from '../auth/session-store.ts';
import { sessionSubject } from '../auth/session-subject.ts';

/**
 * @peculiar/x509, loaded when a certificate is asked for (not with every screen that shows one),
 * after the `reflect-metadata` polyfill its dependency injection needs: two awaited imports, so
 * the polyfill is in place before the library's modules run.
 */
async function loadX509() {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(globalThis.crypto);
  return x509;
}

const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const DATABASE = 'civitas-signing';
const STORE = 'keys';
/** A certificate is renewed when less than this is left of it. */
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

/** A key this browser holds and its certificate. */
export interface SigningKey {
  /** The personal number it was certified for (whose key this is on a shared device). */
  subject: string;
  privateKey: CryptoKey;
  certificate: SigningCertificate;
}

function database() {
  return openDB(DATABASE, 1, {
    upgrade(db) {
      db.createObjectStore(STORE);
    },
  });
}

function signedInSubject(): string {
  const session = readSession();
  const subject = session ? sessionSubject(session) : null;
  if (!subject) throw new Error('Sign in with the eID to sign.');
  return subject;
}

/** The signed-in person's key on this device, without asking the server; null when there is none. */
export async function storedSigningKey(): Promise<SigningKey | null> {
  const subject = signedInSubject();
  const stored = (await (await database()).get(STORE, subject)) as SigningKey | undefined;
  return stored ?? null;
}

function usable(key: SigningKey, now: number): boolean {
  return !key.certificate.revoked && Date.parse(key.certificate.notAfter) - RENEW_BEFORE_MS > now;
}

/**
 * The signed-in person's key and certificate: the stored one while it is valid, else a new key,
 * certified by the platform's CA now (the eID session must be of the PIN level).
 */
export async function signingKey(): Promise<SigningKey> {
  const stored = await storedSigningKey();
  if (stored && usable(stored, Date.now())) return stored;
  return renewSigningKey();
}

/** A new key and certificate for this device, replacing the stored one. */
export async function renewSigningKey(): Promise<SigningKey> {
  const subject = signedInSubject();
  const keys = (await crypto.subtle.generateKey(EC_KEY, false, ['sign', 'verify'])) as CryptoKeyPair;
  const x509 = await loadX509();
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    // The CA takes only the key from the request: the name comes from the population register.
    name: 'CN=Civitas signing key',
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
  });
  const response = await apiSend('POST', '/api/signing/certificates', { csr: request.toString('pem') });
  const certificate = (await response.json()) as SigningCertificate;
  const key: SigningKey = { subject, privateKey: keys.privateKey, certificate };
  await (await database()).put(STORE, key, subject);
  return key;
}
