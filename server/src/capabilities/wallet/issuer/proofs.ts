import type { PublicJwk } from '@civitas/wallet/formats.ts';
import {
  calculateJwkThumbprint,
  decodeProtectedHeader,
  importJWK,
  errors as joseErrors,
  jwtVerify,
  type ProtectedHeaderParameters,
} from 'jose';
import { issuanceError } from './errors.ts';

export const PROOF_TYPE = 'openid4vci-proof+jwt';
/** How old a proof's `iat` may be, and how far ahead of our clock. */
export const PROOF_MAX_AGE_S = 300;
const CLOCK_SKEW_S = 60;
const MAX_PROOF_LENGTH = 4096;
const B64URL = /^[A-Za-z0-9_-]+$/;

export interface VerifiedProof {
  holder: PublicJwk;
  /** RFC 7638 thumbprint of the holder's key. */
  thumbprint: string;
  nonce: string;
}

function invalid(detail: string): Error {
  return issuanceError('issuance-proof-invalid', detail);
}

/** The header's `jwk`: a public P-256 key and nothing else (never a private part, no `kid`/`x5c`). */
function holderKey(header: ProtectedHeaderParameters): PublicJwk {
  if (header.typ !== PROOF_TYPE) throw invalid(`The proof's typ must be ${PROOF_TYPE}.`);
  if (header.alg !== 'ES256') throw invalid('The proof must be signed with ES256.');
  if (header.kid !== undefined || header.x5c !== undefined)
    throw invalid('The proof names its key by jwk only.');
  const jwk = header.jwk as Record<string, unknown> | undefined;
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256') throw invalid('The proof needs a P-256 jwk header.');
  if ('d' in jwk) throw invalid('The proof must not carry a private key.');
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string' || !B64URL.test(jwk.x) || !B64URL.test(jwk.y))
    throw invalid('The proof jwk is malformed.');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/**
 * Checks a JWT proof of possession (OpenID4VCI 1.0 appendix F.1): `typ`, an ES256 signature by
 * the key in its `jwk` header, `aud` the credential issuer, a fresh `iat` and a `nonce`. The
 * nonce itself is checked (and used up) by the caller, once for the whole batch.
 */
export async function verifyJwtProof(proof: unknown, audience: string, now: number): Promise<VerifiedProof> {
  if (typeof proof !== 'string' || proof.length > MAX_PROOF_LENGTH || proof.split('.').length !== 3)
    throw invalid('A proof must be a compact JWT.');
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    throw invalid('The proof header cannot be read.');
  }
  const holder = holderKey(header);
  const key = await importJWK({ ...holder, alg: 'ES256' }, 'ES256').catch(() => {
    throw invalid('The proof jwk is not a P-256 public key.');
  });
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(proof, key, {
      audience,
      typ: PROOF_TYPE,
      algorithms: ['ES256'],
      currentDate: new Date(now),
      clockTolerance: CLOCK_SKEW_S,
      maxTokenAge: PROOF_MAX_AGE_S,
      requiredClaims: ['iat'],
    }));
  } catch (error) {
    throw invalid(proofFailure(error));
  }
  if (typeof payload.iat === 'number' && payload.iat > now / 1000 + CLOCK_SKEW_S)
    throw invalid('The proof is dated in the future.');
  if (typeof payload.nonce !== 'string' || payload.nonce === '')
    throw issuanceError('issuance-nonce-invalid', 'The proof has no nonce: ask the nonce endpoint for one.');
  return { holder, thumbprint: await calculateJwkThumbprint(holder, 'sha256'), nonce: payload.nonce };
}

function proofFailure(error: unknown): string {
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'The proof is not signed by the key in its jwk header.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'The proof is for another audience than this credential issuer.';
    if (error.claim === 'iat') return 'The proof is too old or has no iat.';
    return `The proof's ${error.claim} claim is not valid.`;
  }
  if (error instanceof joseErrors.JWTExpired) return 'The proof has expired.';
  return 'The proof could not be verified.';
}
