/**
 * @peculiar/x509 set up for the wallet's PKI: it needs `reflect-metadata` and a WebCrypto provider.
 * (The exchange's PKI does the same for its own certificates; the wallet's are a separate hierarchy.)
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(globalThis.crypto);

export { x509 };

export const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
export const DAY_MS = 24 * 60 * 60 * 1000;
/** A new certificate is backdated a few minutes: peers whose clocks lag still accept it. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** ISO/IEC 18013-5 extended key usage of a document signer (id-mdl-kp-mdlDS). */
export const EKU_MDL_DOCUMENT_SIGNER = '1.0.18013.5.1.2';
/** ISO/IEC 18013-5 extended key usage of an mdoc reader authentication certificate (id-mdl-kp-mdlReaderAuth). */
export const EKU_MDL_READER_AUTH = '1.0.18013.5.1.6';

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64');
}

export function fromBase64Der(der: string): x509.X509Certificate {
  return new x509.X509Certificate(Buffer.from(der, 'base64'));
}

export function pemOf(derBase64: string): string {
  return fromBase64Der(derBase64).toString('pem');
}
