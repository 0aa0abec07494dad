import { signJades } from '../../shared/signing/index.ts';

/**
 * The applicant's signature over an application (ports.md §2): the signing context's browser
 * helper `signJades` (a non-extractable key in the wallet, with a certificate from the platform's
 * CA, issued on first use after the eID sign-in). A browser without WebCrypto or IndexedDB cannot
 * sign: no application is ever sent unsigned.
 */
export class SigningUnavailable extends Error {
  constructor() {
    super('signing is not available in this browser');
    this.name = 'SigningUnavailable';
  }
}

export async function signApplication(payload: unknown): Promise<string> {
  if (!globalThis.crypto?.subtle || !globalThis.indexedDB) throw new SigningUnavailable();
  return signJades(payload);
}
