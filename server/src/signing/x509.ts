/**
 * @peculiar/x509 and pkijs set up for the signing context: both need a WebCrypto provider, and
 * @peculiar/x509 needs `reflect-metadata`. The signing PKI is its own hierarchy (neither the
 * exchange's nor the wallet's).
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

x509.cryptoProvider.set(globalThis.crypto);
pkijs.setEngine(
  'civitas-signing',
  new pkijs.CryptoEngine({ name: 'civitas-signing', crypto: globalThis.crypto }),
);

export { pkijs, x509 };

export const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
export const DAY_MS = 24 * 60 * 60 * 1000;
/** A new certificate is backdated a few minutes: verifiers whose clocks lag still accept it. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** X.520 serialNumber: ETSI EN 319 412-1 §5.1.3 semantics (`PNOBG-<personal number>`). */
export const OID_SERIAL_NUMBER = '2.5.4.5';
/** X.520 organizationIdentifier: ETSI EN 319 412-1 §5.1.4 (`NTRBG-<EIK>`). */
export const OID_ORGANIZATION_IDENTIFIER = '2.5.4.97';
export const OID_GIVEN_NAME = '2.5.4.42';
export const OID_SURNAME = '2.5.4.4';
/** id-ecPublicKey and the P-256 curve (prime256v1). */
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
export const OID_P256 = '1.2.840.10045.3.1.7';

export function base64Of(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64');
}

export function base64UrlOf(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64url');
}

export async function sha256(bytes: ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** A random positive 128-bit serial (hex, lower case). */
export function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = 0x10 + (bytes[0]! % 0x70);
  return Buffer.from(bytes).toString('hex');
}

/** The first value of an attribute of a distinguished name, or undefined. */
export function nameAttribute(name: x509.Name, oid: string): string | undefined {
  return name.getField(oid)[0];
}
