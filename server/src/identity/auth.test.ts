import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { httpErrors } from '../http/errors.ts';
import { installErrorHandling } from '../http/problem.ts';
import { routeAccessPlugin } from '../http/route-access.ts';
import { AppError, mergeErrorTables } from '../kernel/errors.ts';
import { principalOf, tokenAuthenticator } from './auth.ts';
import { identityErrors } from './errors.ts';
import type { AccessTokenClaims, AccessTokenVerifier } from './tokens.ts';

const official: AccessTokenClaims = {
  subject: '8503146785',
  roles: ['official'],
  clientId: 'civitas-web',
  expiresAt: Date.now() / 1000 + 600,
  scopes: ['openid'],
  tokenId: 'token-1',
  boundKey: undefined,
};

/** Accepts the token `good`, says `old` has expired, refuses anything else. */
const verify: AccessTokenVerifier = async ({ token }) => {
  if (token === 'good') return official;
  throw new AppError(token === 'old' ? 'token-expired' : 'token-invalid');
};

let app: FastifyInstance;
afterEach(() => app?.close());

async function platform(): Promise<FastifyInstance> {
  app = Fastify({ logger: false });
  installErrorHandling(app, mergeErrorTables({ http: httpErrors, identity: identityErrors }));
  await app.register(routeAccessPlugin, { authenticate: tokenAuthenticator(verify) });
  app.get('/api/cases', { config: { access: { roles: ['official'] } } }, async (request) => ({
    caller: principalOf(request).subject,
  }));
  app.get('/api/audit', { config: { access: { roles: ['auditor'] } } }, async () => ({}));
  await app.ready();
  return app;
}

describe("the eID token check behind every route's access declaration", () => {
  it('gives the handler the caller the token names', async () => {
    const answer = await (await platform()).inject({
      url: '/api/cases',
      headers: { authorization: 'Bearer good' },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ caller: '8503146785' });
  });

  it('answers a request without a token with 401 and a challenge naming both schemes (RFC 6750, RFC 9449)', async () => {
    const answer = await (await platform()).inject({ url: '/api/cases' });
    expect(answer.statusCode).toBe(401);
    expect(answer.json()).toMatchObject({ code: 'token-missing' });
    expect(answer.headers['www-authenticate']).toMatch(/^DPoP algs="[^"]+", Bearer$/);
  });

  it('answers an expired or invalid token with 401 and invalid_token in the challenge', async () => {
    await platform();
    for (const token of ['old', 'forged']) {
      const answer = await app.inject({ url: '/api/cases', headers: { authorization: `Bearer ${token}` } });
      expect(answer.statusCode).toBe(401);
      expect(answer.headers['www-authenticate']).toContain('Bearer error="invalid_token"');
    }
  });

  it('answers a valid token without the role with 403 and no challenge', async () => {
    const answer = await (await platform()).inject({
      url: '/api/audit',
      headers: { authorization: 'Bearer good' },
    });
    expect(answer.statusCode).toBe(403);
    expect(answer.json()).toMatchObject({ code: 'role-forbidden' });
    expect(answer.headers['www-authenticate']).toBeUndefined();
  });
});
