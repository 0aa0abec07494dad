import type { webcrypto } from 'node:crypto';
import { ecKeyAlgorithm, x509 } from './x509.ts';

export function generateEcKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return crypto.subtle.generateKey(ecKeyAlgorithm, true, ['sign', 'verify']);
}

export async function privateKeyToPem(privateKey: webcrypto.CryptoKey): Promise<string> {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', privateKey);
  return x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
}

export function importPrivateKeyPem(privateKeyPem: string): Promise<webcrypto.CryptoKey> {
  const pkcs8 = x509.PemConverter.decodeFirst(privateKeyPem);
  return crypto.subtle.importKey('pkcs8', pkcs8, ecKeyAlgorithm, false, ['sign']);
}
