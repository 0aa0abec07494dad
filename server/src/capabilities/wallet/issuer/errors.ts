import { AppError, type CodesOf, defineErrors } from '../../../kernel/index.ts';

/**
 * The error codes of the wallet's issuer (each has a row in docs/errors.md and a text in every
 * locale). The OpenID4VCI and OAuth endpoints answer them as problem+json that also carries the
 * protocol's own `error` member (`OAUTH_ERRORS`), so a wallet reads what its library expects.
 */
export const walletIssuerErrors = defineErrors({
  'issuance-grant-unsupported': { status: 400, title: 'This grant type is not supported' },
  'issuance-code-invalid': { status: 400, title: 'The pre-authorized code is not valid' },
  'issuance-code-expired': { status: 400, title: 'The credential offer has expired' },
  'issuance-tx-code-wrong': { status: 400, title: 'The transaction code is wrong' },
  'issuance-offer-exhausted': {
    status: 400,
    title: 'Too many wrong transaction codes: the credential offer is no longer valid',
  },
  'issuance-token-invalid': { status: 401, title: 'The credential access token is not valid' },
  'issuance-request-invalid': { status: 400, title: 'The credential request is not valid' },
  'issuance-configuration-unknown': { status: 400, title: 'No such credential configuration' },
  'issuance-not-granted': { status: 403, title: 'This credential was not granted to the access token' },
  'issuance-proof-invalid': { status: 400, title: 'The proof of possession is not valid' },
  'issuance-proof-key-reused': { status: 400, title: 'Each copy needs its own device key' },
  'issuance-batch-too-large': { status: 400, title: 'Too many copies asked for' },
  'issuance-nonce-invalid': { status: 400, title: 'The nonce is unknown, used or expired' },
  'issuance-offer-not-found': { status: 404, title: 'No such credential offer' },
  'issuance-vin-required': { status: 400, title: 'The vehicle registration needs a VIN' },
});

/** The OpenID4VCI 1.0 (§6.3, §8.3.1) and OAuth 2.0 (RFC 6749 §5.2) error each code answers as. */
export const OAUTH_ERRORS: Partial<Record<keyof typeof walletIssuerErrors, string>> = {
  'issuance-grant-unsupported': 'unsupported_grant_type',
  'issuance-code-invalid': 'invalid_grant',
  'issuance-code-expired': 'invalid_grant',
  'issuance-tx-code-wrong': 'invalid_grant',
  'issuance-offer-exhausted': 'invalid_grant',
  'issuance-token-invalid': 'invalid_token',
  'issuance-request-invalid': 'invalid_credential_request',
  'issuance-configuration-unknown': 'unknown_credential_configuration',
  'issuance-not-granted': 'credential_request_denied',
  'issuance-proof-invalid': 'invalid_proof',
  'issuance-proof-key-reused': 'invalid_proof',
  'issuance-batch-too-large': 'invalid_credential_request',
  'issuance-nonce-invalid': 'invalid_nonce',
};

export type IssuanceCode = keyof typeof walletIssuerErrors;

/** An issuance error: our problem code, with the protocol's `error` and `error_description`. */
export function issuanceError(code: IssuanceCode, detail: string): AppError {
  const error = OAUTH_ERRORS[code];
  return new AppError(code, detail, error ? { error, error_description: detail } : {});
}

declare module '../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof walletIssuerErrors> {}
}
