/**
 * The OpenID4VP 1.0 request object (JAR, RFC 9101) the Civitas verifier signs and the holder
 * checks: `typ oauth-authz-req+jwt`, `x5c` with the verifier's access certificate, the
 * `x509_san_dns:` client identifier, `direct_post.jwt` to `response_uri`, a DCQL query, an
 * ephemeral ECDH-ES P-256 key in `client_metadata.jwks`, and the verifier's registration in
 * `verifier_info` (name, organisation, intended use as check ids) so the holder can refuse a
 * request that asks more than the verifier registered for.
 */
import { type CheckId, checkDefinition, claimKeysOf, type DcqlQueryJson, isCheckId } from '../checks.ts';
import type { X509Signer } from '../formats.ts';
import { decodeJws, signX5cJws, verifyX5cJws } from '../offline/x5c-jws.ts';

export const REQUEST_OBJECT_TYP = 'oauth-authz-req+jwt';
export const REGISTRATION_FORMAT = 'civitas_registration';
export const RESPONSE_ENC_VALUES = ['A128GCM', 'A256GCM'] as const;

export interface VerifierRegistration {
  name: string;
  organisation: string;
  /** The checks the verifier registered to ask (its intended use). */
  intended_use: CheckId[];
}

export interface EncryptionJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  use: 'enc';
  alg: 'ECDH-ES';
  kid: string;
}

export interface RequestObjectClaims {
  aud: 'https://self-issued.me/v2';
  iat: number;
  exp: number;
  client_id: string;
  response_type: 'vp_token';
  response_mode: 'direct_post.jwt';
  response_uri: string;
  nonce: string;
  state: string;
  dcql_query: DcqlQueryJson;
  client_metadata: {
    jwks: { keys: EncryptionJwk[] };
    encrypted_response_enc_values_supported: string[];
    vp_formats_supported: Record<string, Record<string, unknown>>;
  };
  verifier_info: Array<{ format: typeof REGISTRATION_FORMAT; data: VerifierRegistration }>;
}

export function requestObjectClaims(input: {
  host: string;
  responseUri: string;
  nonce: string;
  state: string;
  dcqlQuery: DcqlQueryJson;
  encryptionKey: EncryptionJwk;
  registration: VerifierRegistration;
  now: Date;
  lifetimeSeconds?: number;
}): RequestObjectClaims {
  const iat = Math.floor(input.now.getTime() / 1000);
  return {
    aud: 'https://self-issued.me/v2',
    iat,
    exp: iat + (input.lifetimeSeconds ?? 600),
    client_id: `x509_san_dns:${input.host}`,
    response_type: 'vp_token',
    response_mode: 'direct_post.jwt',
    response_uri: input.responseUri,
    nonce: input.nonce,
    state: input.state,
    dcql_query: input.dcqlQuery,
    client_metadata: {
      jwks: { keys: [input.encryptionKey] },
      encrypted_response_enc_values_supported: [...RESPONSE_ENC_VALUES],
      vp_formats_supported: {
        'dc+sd-jwt': { 'sd-jwt_alg_values': ['ES256'], 'kb-jwt_alg_values': ['ES256'] },
        mso_mdoc: { issuerauth_alg_values: [-7], deviceauth_alg_values: [-7] },
      },
    },
    verifier_info: [{ format: REGISTRATION_FORMAT, data: input.registration }],
  };
}

export function signRequestObject(claims: RequestObjectClaims, signer: X509Signer): Promise<string> {
  return signX5cJws({ typ: REQUEST_OBJECT_TYP }, claims, signer);
}

/** `openid4vp://?client_id=…&request_uri=…`: the QR (cross-device) and the link (same-device). */
export function openid4vpLink(clientId: string, requestUri: string): string {
  const query = new URLSearchParams({ client_id: clientId, request_uri: requestUri });
  return `openid4vp://?${query.toString()}`;
}

export type RequestObjectFailure =
  | 'request-malformed'
  | 'request-signature-invalid'
  | 'request-verifier-untrusted'
  | 'request-expired'
  | 'request-beyond-registration';

export class RequestObjectError extends Error {
  readonly code: RequestObjectFailure;
  constructor(code: RequestObjectFailure, detail: string) {
    super(detail);
    this.name = 'RequestObjectError';
    this.code = code;
  }
}

/**
 * The holder's check of a request object: signed by a certificate chaining to a trust anchor and
 * naming the client identifier's host, not expired, and asking nothing beyond the registration.
 */
export async function verifyRequestObject(
  jws: string,
  trust: { trustAnchors: readonly string[]; now: Date; clientId?: string },
): Promise<RequestObjectClaims> {
  const decoded = decodeJws(jws);
  const claims = decoded?.payload as RequestObjectClaims | undefined;
  if (!decoded || decoded.header.typ !== REQUEST_OBJECT_TYP || !isRequestObjectClaims(claims)) {
    throw new RequestObjectError('request-malformed', 'not an OpenID4VP request object');
  }
  if (trust.clientId !== undefined && trust.clientId !== claims.client_id) {
    throw new RequestObjectError('request-verifier-untrusted', 'the client_id differs from the link');
  }
  const failure = await verifyX5cJws(jws, trust, claims.client_id.slice('x509_san_dns:'.length));
  if (failure === 'malformed' || failure === 'signature-invalid') {
    throw new RequestObjectError('request-signature-invalid', 'the request object signature does not verify');
  }
  if (failure)
    throw new RequestObjectError('request-verifier-untrusted', `the verifier is not trusted (${failure})`);
  if (claims.exp < Math.floor(trust.now.getTime() / 1000)) {
    throw new RequestObjectError('request-expired', 'the request object has expired');
  }
  if (!withinRegistration(claims.dcql_query, registrationOf(claims).intended_use)) {
    throw new RequestObjectError(
      'request-beyond-registration',
      'the request asks more than the verifier registered',
    );
  }
  return claims;
}

export function registrationOf(claims: RequestObjectClaims): VerifierRegistration {
  const entry = claims.verifier_info.find((info) => info.format === REGISTRATION_FORMAT);
  if (!entry) throw new RequestObjectError('request-malformed', 'no registration');
  return entry.data;
}

/** Whether every claim a DCQL query asks is one of the registered checks' claims. */
export function withinRegistration(query: DcqlQueryJson, checks: readonly CheckId[]): boolean {
  const allowed = new Set(checks.flatMap((check) => [...claimKeysOf(check)]));
  const allowedTypes = new Set(
    checks.flatMap((check) => checkDefinition(check).credentials.map((credential) => credential.type)),
  );
  return query.credentials.every((credential) => {
    const type =
      'vct_values' in credential.meta ? credential.meta.vct_values : [credential.meta.doctype_value];
    return (
      type.every((value) => allowedTypes.has(value)) &&
      (credential.claims ?? []).every((claim) => allowed.has(claim.path.join('.')))
    );
  });
}

function isRequestObjectClaims(value: unknown): value is RequestObjectClaims {
  const claims = value as Partial<RequestObjectClaims> | undefined;
  const registration = claims?.verifier_info?.find?.((info) => info?.format === REGISTRATION_FORMAT)?.data;
  return (
    !!claims &&
    typeof claims.client_id === 'string' &&
    /^x509_san_dns:[a-z0-9.-]{1,253}$/.test(claims.client_id) &&
    claims.response_type === 'vp_token' &&
    claims.response_mode === 'direct_post.jwt' &&
    typeof claims.response_uri === 'string' &&
    typeof claims.nonce === 'string' &&
    typeof claims.state === 'string' &&
    Number.isSafeInteger(claims.exp) &&
    Array.isArray(claims.dcql_query?.credentials) &&
    Array.isArray(claims.client_metadata?.jwks?.keys) &&
    !!registration &&
    typeof registration.name === 'string' &&
    typeof registration.organisation === 'string' &&
    Array.isArray(registration.intended_use) &&
    registration.intended_use.every(isCheckId)
  );
}
