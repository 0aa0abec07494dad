import crypto from 'node:crypto';
import { createLocalJWKSet, importJWK, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../errors.ts';
import type { IdentityKeys } from './keys.ts';
import { ROLES, type Role } from './tables.ts';

/** The audience (resource indicator) of access tokens for the Civitas API. */
export const API_AUDIENCE = 'urn:civitas:api';
export const ACCESS_TOKEN_TTL_S = 15 * 60;

export interface AccessTokenClaims {
  subject: string;
  roles: Role[];
  clientId: string;
  expiresAt: number;
}

export type AccessTokenVerifier = (token: string) => Promise<AccessTokenClaims>;

export function eidIssuer(publicUrl: string): string {
  return `${publicUrl}/oidc`;
}

const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Verifies RFC 9068 JWT access tokens issued by the eID node (or by `civitas token`).
 * A token is immutable, so a verified one is remembered until it expires: an app's repeated
 * calls cost one signature check, not one each.
 */
export function createAccessTokenVerifier(keys: IdentityKeys, issuer: string): AccessTokenVerifier {
  const verify = createSignatureVerifier(keys, issuer);
  const verified = new Map<string, AccessTokenClaims>();
  return async (token) => {
    const cached = verified.get(token);
    if (cached) {
      if (cached.expiresAt * 1000 > Date.now()) return cached;
      verified.delete(token);
      throw new AppError('token-expired');
    }
    const claims = await verify(token);
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(token, claims);
    return claims;
  };
}

function createSignatureVerifier(keys: IdentityKeys, issuer: string): AccessTokenVerifier {
  const jwks = createLocalJWKSet(keys.publicJwks);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer,
        audience: API_AUDIENCE,
        algorithms: ['ES256'],
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp', 'client_id'],
      });
      const roles = Array.isArray(payload.roles)
        ? payload.roles.filter((role): role is Role => ROLES.includes(role as Role))
        : [];
      return {
        subject: String(payload.sub),
        roles,
        clientId: String(payload.client_id),
        expiresAt: payload.exp!,
      };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new AppError('token-expired');
      throw new AppError('token-invalid', 'The access token could not be verified.');
    }
  };
}

/** Issues an access token without a browser, for API scripting in demo mode (`civitas token`). */
export async function issueScriptingToken(
  keys: IdentityKeys,
  issuer: string,
  subject: string,
  roles: readonly Role[],
  ttlSeconds = 3600,
): Promise<string> {
  const key = await importJWK(keys.signingJwk, 'ES256');
  return new SignJWT({ client_id: 'civitas-cli', scope: 'openid profile', roles: [...roles] })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: keys.signingJwk.kid })
    .setIssuer(issuer)
    .setSubject(subject)
    .setAudience(API_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .setJti(crypto.randomUUID())
    .sign(key);
}
