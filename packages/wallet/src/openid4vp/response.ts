/**
 * The OpenID4VP 1.0 authorization response with `response_mode direct_post.jwt`: the wallet
 * encrypts `{ vp_token, state }` to the verifier's ephemeral key from the request's
 * `client_metadata.jwks` (JWE, `alg ECDH-ES`, `enc` from `encrypted_response_enc_values_supported`)
 * and posts it as the form field `response` to `response_uri`. The `vp_token` (DCQL) maps each
 * credential query id to its presentations: SD-JWT VC compact strings, or base64url mdoc
 * DeviceResponses.
 */
import { CompactEncrypt, calculateJwkThumbprint, compactDecrypt, importJWK } from 'jose';
import { base64UrlDecode, utf8 } from '../offline/bytes.ts';
import { type EncryptionJwk, RESPONSE_ENC_VALUES, type RequestObjectClaims } from './request.ts';

export type VpToken = Record<string, string[]>;

export interface AuthorizationResponse {
  vp_token: VpToken;
  state: string;
}

/** The holder's side: the JWE to post as `response`. */
export async function encryptAuthorizationResponse(
  response: AuthorizationResponse,
  request: Pick<RequestObjectClaims, 'client_metadata'>,
): Promise<string> {
  const jwk = request.client_metadata.jwks.keys.find((key) => key.alg === 'ECDH-ES' && key.crv === 'P-256');
  const enc = request.client_metadata.encrypted_response_enc_values_supported.find((value) =>
    (RESPONSE_ENC_VALUES as readonly string[]).includes(value),
  );
  if (!jwk || !enc) throw new Error('the verifier offers no usable encryption key');
  const key = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'ECDH-ES');
  return new CompactEncrypt(utf8.encode(JSON.stringify(response)))
    .setProtectedHeader({ alg: 'ECDH-ES', enc, kid: jwk.kid })
    .encrypt(key);
}

export class ResponseDecryptionError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'ResponseDecryptionError';
  }
}

/** The verifier's side: decrypts and checks the response's shape (not its presentations). */
export async function decryptAuthorizationResponse(
  jwe: string,
  privateKey: Parameters<typeof compactDecrypt>[1],
): Promise<AuthorizationResponse> {
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(jwe, privateKey, {
      keyManagementAlgorithms: ['ECDH-ES'],
      contentEncryptionAlgorithms: [...RESPONSE_ENC_VALUES],
    }));
  } catch {
    throw new ResponseDecryptionError('the response does not decrypt with this transaction key');
  }
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(plaintext));
  } catch {
    throw new ResponseDecryptionError('the decrypted response is not JSON');
  }
  if (!isAuthorizationResponse(value))
    throw new ResponseDecryptionError('the response has no valid vp_token');
  return value;
}

function isAuthorizationResponse(value: unknown): value is AuthorizationResponse {
  const response = value as Partial<AuthorizationResponse> | null;
  if (!response || typeof response !== 'object' || typeof response.state !== 'string') return false;
  const token = response.vp_token;
  if (!token || typeof token !== 'object' || Array.isArray(token)) return false;
  const entries = Object.entries(token);
  return (
    entries.length > 0 &&
    entries.every(
      ([id, presentations]) =>
        /^[A-Za-z0-9_-]{1,64}$/.test(id) &&
        Array.isArray(presentations) &&
        presentations.length > 0 &&
        presentations.every(
          (presentation) => typeof presentation === 'string' && /^[A-Za-z0-9_.~-]+$/.test(presentation),
        ),
    )
  );
}

/** The JWK SHA-256 thumbprint of the verifier's encryption key (the mdoc session transcript names it). */
export async function encryptionKeyThumbprint(jwk: EncryptionJwk): Promise<Uint8Array> {
  const text = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'sha256');
  return base64UrlDecode(text) as Uint8Array;
}
