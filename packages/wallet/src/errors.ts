/**
 * Why a credential or a presentation is refused: one stable code per check (the verifier's API
 * answers them as problem codes of the same name; the web shows a text for each).
 */
export const VERIFICATION_CODES = [
  'credential-malformed',
  'issuer-signature-invalid',
  'issuer-chain-untrusted',
  'issuer-certificate-expired',
  'credential-type-unexpected',
  'credential-not-yet-valid',
  'credential-expired',
  'credential-revoked',
  'credential-suspended',
  'status-list-unavailable',
  'disclosure-tampered',
  'disclosure-unreferenced',
  'disclosure-duplicate',
  'key-binding-missing',
  'key-binding-signature-invalid',
  'key-binding-wrong-audience',
  'key-binding-wrong-nonce',
  'key-binding-too-old',
  'key-binding-hash-mismatch',
  'mdoc-digest-mismatch',
  'mdoc-device-signature-invalid',
  'mdoc-session-transcript-mismatch',
] as const;

export type VerificationCode = (typeof VERIFICATION_CODES)[number];

export class WalletVerificationError extends Error {
  readonly code: VerificationCode;
  constructor(code: VerificationCode, detail: string) {
    super(detail);
    this.name = 'WalletVerificationError';
    this.code = code;
  }
}
