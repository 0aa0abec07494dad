import { type Static, Type } from '@sinclair/typebox';

/**
 * Signing (issue 18): citizens' signing certificates, and the public validation of anything
 * Civitas signed (a JAdES JWS, a PAdES PDF). A validation never carries a personal number.
 */

/** POST /api/signing/certificates: a PKCS#10 request for the browser's P-256 key (PEM or base64 DER). */
export const CertificateRequest = Type.Object(
  { csr: Type.String({ minLength: 1, maxLength: 8000 }) },
  { additionalProperties: false },
);
export type CertificateRequest = Static<typeof CertificateRequest>;

/** A signing certificate the platform's CA issued to the signed-in person. */
export const SigningCertificate = Type.Object({
  serial: Type.String(),
  /** The name it carries (from the population register). */
  name: Type.String(),
  notBefore: Type.String({ format: 'date-time' }),
  notAfter: Type.String({ format: 'date-time' }),
  revoked: Type.Boolean(),
  /** Base64 DER: the certificate, then the CA's (the JWS's `x5c`). */
  chain: Type.Array(Type.String()),
});
export type SigningCertificate = Static<typeof SigningCertificate>;

export const SigningCertificateList = Type.Object({ items: Type.Array(SigningCertificate) });
export type SigningCertificateList = Static<typeof SigningCertificateList>;

/** POST /api/signatures/validate with JSON: a JAdES compact JWS (a PDF is sent as application/pdf). */
export const JwsValidationRequest = Type.Object(
  { jws: Type.String({ minLength: 1, maxLength: 1_000_000 }) },
  { additionalProperties: false },
);
export type JwsValidationRequest = Static<typeof JwsValidationRequest>;

/** Who signed, as a third party may see it: a person by name only, an administration's seal. */
export const ValidatedSigner = Type.Union([
  Type.Object({ kind: Type.Literal('person'), name: Type.String() }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('seal'), administration: Type.String(), name: Type.String() },
    { additionalProperties: false },
  ),
]);
export type ValidatedSigner = Static<typeof ValidatedSigner>;

/** The answer of a validation: valid, by whom, when; or not valid, and why (a problem code). */
export const SignatureValidation = Type.Union([
  Type.Object(
    {
      valid: Type.Literal(true),
      format: Type.Union([Type.Literal('jades'), Type.Literal('pades')]),
      signer: ValidatedSigner,
      signedAt: Type.String({ format: 'date-time' }),
      certificate: Type.Object({
        serial: Type.String(),
        issuer: Type.String(),
        notBefore: Type.String({ format: 'date-time' }),
        notAfter: Type.String({ format: 'date-time' }),
      }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      valid: Type.Literal(false),
      /** `signature-invalid`, `signature-certificate-untrusted`, `signature-certificate-revoked`. */
      code: Type.String(),
      detail: Type.String(),
    },
    { additionalProperties: false },
  ),
]);
export type SignatureValidation = Static<typeof SignatureValidation>;
