/**
 * The wallet's trust list and status API (server `capabilities/wallet/{trust,status}`): what a
 * verifier (or the offline verifier's cache) reads at `GET /wallet/trust`, and what a signed-in
 * citizen reads and does about the copies of their credentials (`/api/wallet/credentials`).
 */
import { type Static, Type } from '@sinclair/typebox';

const DateTime = Type.String({ format: 'date-time' });

export const TrustCertificate = Type.Object({
  /** Base64 (not URL-safe) DER, as in `x5c`. */
  certificate: Type.String(),
  pem: Type.String(),
  subject: Type.String({ description: 'RFC 4514 distinguished name' }),
  serial: Type.String({ description: 'lower-case hex' }),
  notBefore: DateTime,
  notAfter: DateTime,
});
export type TrustCertificate = Static<typeof TrustCertificate>;

export const WalletTrustList = Type.Object({
  /** The national wallet trust anchors: credentials and status lists chain to one of these. */
  anchors: Type.Array(TrustCertificate),
  /** The roots of the registered verifiers' access certificates (OID4VP `x509_san_dns:` client ids). */
  verifierAnchors: Type.Array(TrustCertificate),
  /** The issuer's document-signer certificates still valid, newest first (rotated ones stay until they expire). */
  issuerCertificates: Type.Array(TrustCertificate),
  /** The token status lists' URIs (each answers `application/statuslist+jwt` and `+cwt` by `Accept`). */
  statusLists: Type.Array(Type.String()),
  updatedAt: DateTime,
});
export type WalletTrustList = Static<typeof WalletTrustList>;

export const CredentialCopyStatus = Type.Union([
  Type.Literal('valid'),
  Type.Literal('revoked'),
  Type.Literal('suspended'),
]);
export type CredentialCopyStatus = Static<typeof CredentialCopyStatus>;

/** One copy of a credential issued to the signed-in person (no status index: nothing to show). */
export const IssuedCredentialCopy = Type.Object({
  id: Type.String(),
  /** The credential configuration id (`@civitas/wallet/catalogue.ts`), null when the issuer gave none. */
  configuration: Type.Union([Type.String(), Type.Null()]),
  format: Type.Union([Type.Literal('dc+sd-jwt'), Type.Literal('mso_mdoc')]),
  issuedAt: DateTime,
  expiresAt: Type.Union([DateTime, Type.Null()]),
  status: CredentialCopyStatus,
  /** When the status last changed (the issuance, a revocation, a suspension or a restoration). */
  changedAt: DateTime,
});
export type IssuedCredentialCopy = Static<typeof IssuedCredentialCopy>;

export const IssuedCredentials = Type.Object({ credentials: Type.Array(IssuedCredentialCopy) });
export type IssuedCredentials = Static<typeof IssuedCredentials>;

/** `POST /api/wallet/credentials/revocation`: the phone is lost, every valid copy is revoked. */
export const HolderRevocation = Type.Object({
  /** How many copies this request revoked (0 when all were revoked already: it is idempotent). */
  revoked: Type.Integer({ minimum: 0 }),
  credentials: Type.Array(IssuedCredentialCopy),
});
export type HolderRevocation = Static<typeof HolderRevocation>;
