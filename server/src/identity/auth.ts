import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticate } from '../http/index.ts';
import { AppError } from '../kernel/index.ts';
import { DPOP_ALGORITHMS } from './dpop.ts';
import type { Role } from './tables.ts';
import type { AccessTokenClaims, AccessTokenVerifier, PresentedToken } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: AccessTokenClaims;
  }
}

declare module '../http/route-access.ts' {
  interface RouteRoles {
    role: Role;
  }
}

/** The caller, as proven by their access token; set on routes whose `config.access` names roles. */
export function principalOf(request: FastifyRequest): AccessTokenClaims {
  if (!request.principal) throw new AppError('token-missing');
  return request.principal;
}

/** `Bearer <token>` or `DPoP <token>`; the scheme is case-insensitive (RFC 9110 §11.1). */
const AUTHORIZATION = /^(bearer|dpop) +([A-Za-z0-9\-_.~+/]+=*) *$/i;

/** The access token a request carries, with what a DPoP proof must match; throws if malformed. */
export function presentedToken(request: FastifyRequest): PresentedToken {
  const header = request.headers.authorization;
  if (!header) throw new AppError('token-missing', 'Send the access token in the Authorization header.');
  const match = AUTHORIZATION.exec(header);
  if (!match)
    throw new AppError(
      'token-invalid',
      'The Authorization header must be "DPoP <token>" or "Bearer <token>".',
    );
  const proof = request.headers.dpop;
  return {
    token: match[2]!,
    scheme: match[1]!.toLowerCase() === 'dpop' ? 'dpop' : 'bearer',
    proof: typeof proof === 'string' ? proof : undefined,
    method: request.method,
    path: request.url.split('?')[0]!,
  };
}

/**
 * The platform's `authenticate` (decorated once, see http/route-access.ts): admits a request only
 * with a valid access token from the eID node (bound ones with their DPoP proof), answering a
 * failure with a 401 and its challenge.
 */
export function tokenAuthenticator(verify: AccessTokenVerifier): Authenticate {
  return async (request, reply) => {
    try {
      request.principal = await verify(presentedToken(request));
    } catch (error) {
      challenge(reply, error);
      throw error;
    }
    return request.principal;
  };
}

/** RFC 6750 §3 and RFC 9449 §7.1: a 401 says which schemes are accepted and what was wrong. */
export function challenge(reply: FastifyReply, error: unknown): void {
  if (!(error instanceof AppError)) return;
  const algs = `algs="${DPOP_ALGORITHMS.join(' ')}"`;
  if (error.code === 'token-missing') reply.header('www-authenticate', `DPoP ${algs}, Bearer`);
  else if (error.code === 'dpop-proof-invalid')
    reply.header('www-authenticate', `DPoP error="invalid_dpop_proof", ${algs}`);
  else if (error.code === 'token-invalid' || error.code === 'token-expired')
    reply.header('www-authenticate', `DPoP error="invalid_token", ${algs}, Bearer error="invalid_token"`);
}
