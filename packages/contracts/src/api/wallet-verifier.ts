import { type Static, Type } from '@sinclair/typebox';

/**
 * The wallet verifier's API (OpenID4VP 1.0): a staff member starts a check, the wallet fetches the
 * signed request object and posts the encrypted response, the screen polls the result.
 */

export const VERIFIER_CHECKS = ['over-18', 'identity', 'driving-licence-b', 'vehicle-registration'] as const;
export const VerifierCheck = Type.Union(VERIFIER_CHECKS.map((check) => Type.Literal(check)));
export type VerifierCheck = Static<typeof VerifierCheck>;

/** GET /api/wallet/verifier: the registered verifier the caller acts for. */
export const RegisteredVerifier = Type.Object({
  id: Type.String(),
  name: Type.String(),
  organisation: Type.String(),
  clientId: Type.String(),
  /** Its intended use: the checks it may ask. */
  checks: Type.Array(VerifierCheck),
});
export type RegisteredVerifier = Static<typeof RegisteredVerifier>;

/** POST /api/wallet/verifications */
export const StartVerification = Type.Object({ check: VerifierCheck }, { additionalProperties: false });
export type StartVerification = Static<typeof StartVerification>;

export const VerificationStarted = Type.Object({
  id: Type.String(),
  check: VerifierCheck,
  /** `openid4vp://?client_id=…&request_uri=…`: the QR (cross-device) and the link (same-device). */
  link: Type.String(),
  requestUri: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type VerificationStarted = Static<typeof VerificationStarted>;

export const DisclosedClaim = Type.Object({
  /** The claim's path joined with '.' (SD-JWT: `age_equal_or_over.18`; mdoc: `namespace.element`). */
  key: Type.String(),
  value: Type.Unknown(),
});
export type DisclosedClaim = Static<typeof DisclosedClaim>;

export const VerificationResult = Type.Object({
  passed: Type.Boolean(),
  /** Why a verified credential does not pass the check (`verdict-*`), or null. */
  verdictCode: Type.Union([Type.String(), Type.Null()]),
  format: Type.Union([Type.Literal('dc+sd-jwt'), Type.Literal('mso_mdoc')]),
  type: Type.String(),
  issuer: Type.Object({ name: Type.String(), country: Type.Union([Type.String(), Type.Null()]) }),
  validUntil: Type.Union([Type.String(), Type.Null()]),
  claims: Type.Array(DisclosedClaim),
  /** The holder's photo as a data: URL, when the check asks for it. */
  photo: Type.Union([Type.String(), Type.Null()]),
});
export type VerificationResult = Static<typeof VerificationResult>;

/** GET /api/wallet/verifications/:id, polled by the screen. */
export const VerificationState = Type.Object({
  id: Type.String(),
  check: VerifierCheck,
  status: Type.Union([Type.Literal('pending'), Type.Literal('verified'), Type.Literal('failed')]),
  expiresAt: Type.String({ format: 'date-time' }),
  result: Type.Union([VerificationResult, Type.Null()]),
  /** The failed check's code (a problem code), or null. */
  failureCode: Type.Union([Type.String(), Type.Null()]),
});
export type VerificationState = Static<typeof VerificationState>;

/** POST /api/wallet/verifications/offline: signed offline requests to spend while offline. */
export const OfflineRequestBatch = Type.Object(
  { check: VerifierCheck, count: Type.Integer({ minimum: 1, maximum: 20 }) },
  { additionalProperties: false },
);
export type OfflineRequestBatch = Static<typeof OfflineRequestBatch>;

export const OfflineRequests = Type.Object({
  check: VerifierCheck,
  clientId: Type.String(),
  /** Each: the nonce and the signed request (compact JWS) the screen turns into a QR. */
  requests: Type.Array(Type.Object({ nonce: Type.String(), jws: Type.String(), expiresAt: Type.String() })),
  /** The issuers' trust anchors (base64 DER), cached with the requests. */
  trustAnchors: Type.Array(Type.String()),
  /** Status list tokens by URI, cached with the requests. */
  statusLists: Type.Array(Type.Object({ uri: Type.String(), token: Type.String() })),
  fetchedAt: Type.String({ format: 'date-time' }),
});
export type OfflineRequests = Static<typeof OfflineRequests>;
