/**
 * The applicant's signature over an application (ports.md §2): the signing context's browser
 * helper `signJades` from `web/src/shared/signing/` (a non-extractable key in the wallet, with a
 * certificate from the platform's CA). Until that branch is merged this stand-in refuses, so no
 * application is ever sent unsigned; at merge this file becomes `export { signJades as
 * signApplication } from '../../shared/signing/index.ts'`.
 */
export class SigningUnavailable extends Error {
  constructor() {
    super('signing is not available yet');
    this.name = 'SigningUnavailable';
  }
}

export async function signApplication(_payload: unknown): Promise<string> {
  throw new SigningUnavailable();
}
