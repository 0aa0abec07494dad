import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from '../errors.ts';
import type { Role } from './tables.ts';
import type { AccessTokenClaims, AccessTokenVerifier } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: AccessTokenClaims;
  }
}

/** The caller, as proven by their access token; only valid after `requireAuth` ran. */
export function principalOf(request: FastifyRequest): AccessTokenClaims {
  if (!request.principal) throw new AppError('token-missing');
  return request.principal;
}

/**
 * A pre-handler that admits a request only with a valid bearer token from the eID node and,
 * when roles are given, only if the caller holds one of them.
 */
export function requireAuth(
  verify: AccessTokenVerifier,
  roles: readonly Role[] = [],
): preHandlerAsyncHookHandler {
  return async (request) => {
    const header = request.headers.authorization;
    if (!header) throw new AppError('token-missing', 'Send the access token in the Authorization header.');
    const match = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/.exec(header);
    if (!match) throw new AppError('token-invalid', 'The Authorization header must be "Bearer <token>".');
    const principal = await verify(match[1]!);
    if (roles.length > 0 && !roles.some((role) => principal.roles.includes(role))) {
      throw new AppError('role-forbidden', `This action needs one of the roles: ${roles.join(', ')}.`);
    }
    request.principal = principal;
  };
}
