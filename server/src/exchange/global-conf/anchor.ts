import { importSPKI, importX509 } from 'jose';

/**
 * The configuration anchor as a verification key. It is either the registry's signing certificate
 * or, where no certificate is at hand, its bare public key (SPKI PEM). A broken anchor is a
 * deployment error and throws.
 */
export function importAnchorKey(anchorPem: string) {
  return anchorPem.includes('-----BEGIN PUBLIC KEY-----')
    ? importSPKI(anchorPem, 'ES256')
    : importX509(anchorPem, 'ES256');
}
