/**
 * The shapes the wallet's parts agree on (browser-safe, types only): how the issuer asks for a
 * credential to be signed, what a verification answers, how status is referenced. The functions
 * live beside: `sd-jwt/`, `mdoc/`, `status-list/`, `trust/` (see docs/wallet.md).
 */

/** An issuer's (or verifier's) signing key with its certificate chain. */
export interface X509Signer {
  alg: 'ES256';
  /** Base64 (not URL-safe) DER certificates, the signer's own first, the trust anchor left out. */
  x5c: readonly string[];
  /** Signs with the certificate's key: ES256 as raw r‖s (64 bytes), as JOSE and COSE want it. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** Where a credential's status is kept: IETF Token Status List reference (`status.status_list`). */
export interface StatusReference {
  uri: string;
  idx: number;
}

/** A public EC P-256 key as a JWK (the holder's device key, `cnf.jwk`). */
export type PublicJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string; alg?: string; kid?: string };

export interface IssueSdJwtVcInput {
  /** The credential issuer's identifier (`iss`), an https URL. */
  issuer: string;
  vct: string;
  /** The claims as the credential's JSON (nested objects allowed). */
  claims: Readonly<Record<string, unknown>>;
  /** JSON paths made selectively disclosable (e.g. `['age_equal_or_over', '18']`). */
  disclosable: readonly (readonly string[])[];
  holder: PublicJwk;
  status: StatusReference;
  /** Seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
  signer: X509Signer;
}

export interface IssueMdocInput {
  doctype: string;
  /** Namespace → element identifier → value (dates as `YYYY-MM-DD` strings become full-date). */
  namespaces: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  holder: PublicJwk;
  status: StatusReference;
  signedAt: Date;
  validFrom: Date;
  validUntil: Date;
  signer: X509Signer;
}

/** What the verifier needs to check a presentation. */
export interface VerificationContext {
  /** Trust anchors (root certificates), base64 DER or PEM. */
  trustAnchors: readonly string[];
  now: Date;
  /** The verifier's nonce and client identifier the presentation must be bound to. */
  nonce: string;
  audience: string;
  /** How old a key-binding JWT may be, in seconds (default 300). */
  maxKeyBindingAgeSeconds?: number;
  /** Fetches (or reads from the offline cache) a status list token by its URI. */
  statusList(uri: string): Promise<string | Uint8Array>;
  /** The types the verifier accepts (vct or doctype); anything else is `credential-type-unexpected`. */
  acceptedTypes: readonly string[];
}

export type CredentialStatus = 'valid' | 'revoked' | 'suspended';

/** A presentation that passed every check. */
export interface VerifiedCredential {
  format: 'dc+sd-jwt' | 'mso_mdoc';
  /** The vct or doctype. */
  type: string;
  /** The issuer's certificate subject (its organisation name and country). */
  issuer: { name: string; country: string | null };
  /** Disclosed claims, by path joined with '.' (SD-JWT: `age_equal_or_over.18`; mdoc: `namespace.element`). */
  claims: Readonly<Record<string, unknown>>;
  validFrom: Date | null;
  validUntil: Date | null;
  status: CredentialStatus;
}
