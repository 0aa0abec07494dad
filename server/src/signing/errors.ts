import { type CodesOf, defineErrors } from '../kernel/index.ts';

/** The signing context's error codes (each has a row in docs/errors.md and a text in every locale). */
export const signingErrors = defineErrors({
  'signature-invalid': { status: 422, title: 'The signature is not valid' },
  'signature-certificate-untrusted': {
    status: 422,
    title: "The signer's certificate is not one our signing CA issued, or was not valid when it signed",
  },
  'signature-certificate-revoked': { status: 422, title: "The signer's certificate has been revoked" },
  'signature-signer-mismatch': { status: 422, title: 'The document was signed by someone else' },
  'signing-csr-malformed': { status: 400, title: 'The certificate request is not a PKCS#10 request' },
  'signing-csr-key-unsupported': {
    status: 400,
    title: 'The certificate request must be for an ECDSA P-256 key',
  },
  'signing-csr-signature-invalid': {
    status: 400,
    title: 'The certificate request is not signed by its own key (no proof of possession)',
  },
  'signing-key-certified-for-another': {
    status: 409,
    title: 'This key is already certified for another person',
  },
  'signing-assurance-too-low': {
    status: 403,
    title: 'A signing certificate needs a sign-in with the eID (PIN), not a lower level',
  },
  'signing-document-malformed': { status: 400, title: 'The document is not a signed JWS or PDF' },
  'signing-administration-unknown': { status: 422, title: 'No such administration to seal for' },
});

declare module '../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof signingErrors> {}
}
