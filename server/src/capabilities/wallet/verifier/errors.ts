import { type CodesOf, defineErrors } from '../../../kernel/index.ts';

const refused = (title: string) => ({ status: 422, title }) as const;

/** The error codes of the wallet's verifier (each has a row in docs/errors.md and a text in every locale). */
export const walletVerifierErrors = defineErrors({
  'verifier-not-registered': { status: 403, title: 'You act for no registered verifier' },
  'verification-check-not-registered': {
    status: 403,
    title: 'The verifier is not registered for this check',
  },
  'verification-not-found': { status: 404, title: 'No such verification' },
  'verification-expired': { status: 410, title: 'The verification request has expired' },
  'verification-already-answered': { status: 409, title: 'The verification has already been answered' },
  'verification-response-undecryptable': {
    status: 400,
    title: 'The response does not decrypt with this transaction key',
  },
  'verification-response-invalid': { status: 400, title: 'The response does not answer the request' },
  'verification-state-mismatch': { status: 400, title: 'The response belongs to another transaction' },
  // The presentation checks (packages/wallet/src/errors.ts), one code each.
  'credential-malformed': { status: 400, title: 'The credential is malformed' },
  'issuer-signature-invalid': refused("The issuer's signature does not verify"),
  'issuer-chain-untrusted': refused("The issuer's certificate does not chain to a trust anchor"),
  'issuer-certificate-expired': refused("The issuer's certificate has expired"),
  'credential-type-unexpected': refused('The credential is not of a type this check accepts'),
  'credential-not-yet-valid': refused('The credential is not yet valid'),
  'credential-expired': refused('The credential has expired'),
  'credential-revoked': refused('The credential has been revoked'),
  'credential-suspended': refused('The credential is suspended'),
  'status-list-unavailable': { status: 503, title: "The credential's status list could not be read" },
  'disclosure-tampered': refused('A disclosure has been tampered with'),
  'disclosure-unreferenced': refused('A disclosure is not referenced by the credential'),
  'disclosure-duplicate': refused('A disclosure or digest appears twice'),
  'key-binding-missing': refused('The presentation has no key-binding JWT'),
  'key-binding-signature-invalid': refused("The key-binding JWT is not signed by the holder's key"),
  'key-binding-wrong-audience': refused('The key-binding JWT is for another verifier'),
  'key-binding-wrong-nonce': refused("The key-binding JWT does not carry this request's nonce"),
  'key-binding-too-old': refused('The key-binding JWT is too old'),
  'key-binding-hash-mismatch': refused('The key-binding JWT does not match the presentation'),
  'mdoc-digest-mismatch': refused('An mdoc element does not match its digest'),
  'mdoc-device-signature-invalid': refused("The mdoc's device signature does not verify"),
  'mdoc-session-transcript-mismatch': refused('The mdoc was presented to another session'),
});

declare module '../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof walletVerifierErrors> {}
}
