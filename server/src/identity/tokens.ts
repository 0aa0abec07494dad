import crypto from 'node:crypto';
import { createLocalJWKSet, importJWK, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../db/index.ts';
import { AppError } from '../kernel/index.ts';
import { createDpopProofChecker, type DpopProofChecker } from './dpop.ts';
import type { IdentityKeys } from './keys.ts';
import { grantedSmartScopes } from './smart.ts';
import { type IdentityTables, ROLES, type Role } from './tables.ts';

/** The audience (resource indicator) of access tokens for the Civitas API. */
export const API_AUDIENCE = 'urn:civitas:api';
export const ACCESS_TOKEN_TTL_S = 15 * 60;
/** The client id of `civitas token`'s scripting tokens (demo only, plain bearer, not revocable). */
export const SCRIPTING_CLIENT_ID = 'civitas-cli';

export interface AccessTokenClaims {
  subject: string;
  roles: Role[];
  clientId: string;
  expiresAt: number;
  scopes: string[];
  /** The token's id: eID tokens are stored under it until they expire or are revoked. */
  tokenId: string;
  /** DPoP: the thumbprint of the key the token is bound to (`cnf.jkt`), if it is bound. */
  boundKey: string | undefined;
  /** RFC 9396 `authorization_details` the token was granted (the wallet's credentials), if any. */
  authorizationDetails?: unknown[];
}

/** An access token as a request presented it. */
export interface PresentedToken {
  token: string;
  /** `Bearer` or `DPoP` (RFC 9449), as written (the scheme is case-insensitive). */
  scheme: 'bearer' | 'dpop';
  /** The `DPoP` header: a proof of possession of the key the token is bound to. */
  proof: string | undefined;
  method: string;
  /** The request's path (without query): with the public URL it makes the proof's `htu`. */
  path: string;
}

export type AccessTokenVerifier = (presented: PresentedToken) => Promise<AccessTokenClaims>;

export function eidIssuer(publicUrl: string): string {
  return `${publicUrl}/oidc`;
}

export interface AccessTokenVerifierOptions {
  db: Connection;
  /** The URL clients reach the API at: a DPoP proof names `publicUrl + path`. */
  publicUrl: string;
  /** Whether `civitas token`'s scripting tokens are accepted (outside production only). */
  acceptScriptingTokens: boolean;
  /** The audience the tokens must be for (default: the Civitas API; the wallet issuer: its own URL). */
  audience?: string;
}

const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Verifies RFC 9068 JWT access tokens issued by the eID node (or by `civitas token`).
 *
 * - A token bound to a key (`cnf.jkt`) is accepted only as `DPoP <token>` with a fresh proof
 *   of that key for this request (method, URL, the token's hash, an unused `jti`); presented as
 *   `Bearer`, it is refused (RFC 9449 §7.2). The eID node binds every token it issues.
 * - An eID token is accepted while the node still stores it: signing out deletes it.
 * - A scripting token (`civitas token`) is a plain bearer token, accepted outside production.
 *
 * A token is immutable, so a verified signature is remembered until the token expires: an
 * app's repeated calls cost one signature check, not one each.
 */
export function createAccessTokenVerifier(
  keys: IdentityKeys,
  issuer: string,
  options: AccessTokenVerifierOptions,
): AccessTokenVerifier {
  const verifySignature = createSignatureVerifier(keys, issuer, options.audience ?? API_AUDIENCE);
  const checkProof: DpopProofChecker = createDpopProofChecker();
  const verified = new Map<string, AccessTokenClaims>();
  const signatureOf = async (token: string): Promise<AccessTokenClaims> => {
    const cached = verified.get(token);
    if (cached) {
      if (cached.expiresAt * 1000 > Date.now()) return cached;
      verified.delete(token);
      throw new AppError('token-expired');
    }
    const claims = await verifySignature(token);
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(token, claims);
    return claims;
  };
  return async (presented) => {
    const claims = await signatureOf(presented.token);
    if (claims.boundKey) {
      if (presented.scheme !== 'dpop') {
        throw new AppError(
          'token-invalid',
          'This access token is bound to a key (DPoP): send it as "DPoP <token>" with a DPoP proof.',
        );
      }
      await checkProof(presented.proof, {
        method: presented.method,
        url: `${options.publicUrl}${presented.path}`,
        accessToken: presented.token,
        boundKey: claims.boundKey,
      });
    } else if (presented.scheme === 'dpop') {
      throw new AppError(
        'token-invalid',
        'This access token is not bound to a key: send it as "Bearer <token>".',
      );
    }
    if (claims.clientId === SCRIPTING_CLIENT_ID) {
      if (!options.acceptScriptingTokens)
        throw new AppError('token-invalid', 'Scripting tokens are demo only.');
    } else if (!(await isStillIssued(tablesOf<IdentityTables>(options.db), claims.tokenId))) {
      throw new AppError('token-invalid', 'The access token is no longer valid: its session has ended.');
    }
    return claims;
  };
}

/** The eID node keeps every access token it issued until it expires; signing out deletes them. */
async function isStillIssued(db: Kysely<IdentityTables>, tokenId: string): Promise<boolean> {
  const row = await db
    .selectFrom('identity.oidc_payloads')
    .select('expires_at')
    .where('model', '=', 'AccessToken')
    .where('id', '=', tokenId)
    .executeTakeFirst();
  return row !== undefined && (row.expires_at === null || new Date(row.expires_at).getTime() > Date.now());
}

function createSignatureVerifier(
  keys: IdentityKeys,
  issuer: string,
  audience: string,
): (token: string) => Promise<AccessTokenClaims> {
  const jwks = createLocalJWKSet(keys.publicJwks);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer,
        audience,
        algorithms: ['ES256'],
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp', 'client_id', 'jti'],
      });
      const roles = Array.isArray(payload.roles)
        ? payload.roles.filter((role): role is Role => ROLES.includes(role as Role))
        : [];
      const confirmation = payload.cnf as { jkt?: unknown } | undefined;
      return {
        subject: String(payload.sub),
        roles,
        clientId: String(payload.client_id),
        expiresAt: payload.exp!,
        scopes: typeof payload.scope === 'string' ? payload.scope.split(' ') : [],
        tokenId: String(payload.jti),
        boundKey: typeof confirmation?.jkt === 'string' ? confirmation.jkt : undefined,
        authorizationDetails: Array.isArray(payload.authorization_details)
          ? payload.authorization_details
          : [],
      };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new AppError('token-expired');
      throw new AppError('token-invalid', 'The access token could not be verified.');
    }
  };
}

/** A scripting token's SMART scopes: what the web app would be granted for these roles. */
export function scriptingSmartScopes(roles: readonly Role[]): string[] {
  return grantedSmartScopes(SCRIPTING_SMART_REQUEST, roles).resource;
}

/** What a scripting token asks for: the web app's SMART scopes, and the pharmacist's. */
const SCRIPTING_SMART_REQUEST = [
  'patient/*.rs',
  'user/*.cruds',
  'user/MedicationRequest.rs',
  'user/MedicationDispense.cruds',
];

/** Issues an access token without a browser, for API scripting in demo mode (`civitas token`). */
export async function issueScriptingToken(
  keys: IdentityKeys,
  issuer: string,
  subject: string,
  roles: readonly Role[],
  ttlSeconds = 3600,
): Promise<string> {
  const key = await importJWK(keys.signingJwk, 'ES256');
  const scope = ['openid profile', ...scriptingSmartScopes(roles)].join(' ');
  return new SignJWT({ client_id: SCRIPTING_CLIENT_ID, scope, roles: [...roles] })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: keys.signingJwk.kid })
    .setIssuer(issuer)
    .setSubject(subject)
    .setAudience(API_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .setJti(crypto.randomUUID())
    .sign(key);
}
