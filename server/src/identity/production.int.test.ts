import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { rolesOf } from './demo-accounts.ts';

const PUBLIC_URL = 'https://civitas.example.bg';
const PRODUCTION = {
  CIVITAS_ENV: 'production',
  // The test platform brings its own database; the URL only satisfies the production checks.
  DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
  CIVITAS_PUBLIC_URL: PUBLIC_URL,
};

/** A pushed authorization request and the authorization endpoint, as the web app makes them. */
async function startSignIn(app: FastifyInstance, headers: Record<string, string> = {}) {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const pushed = await app.inject({
    method: 'POST',
    url: '/oidc/request',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      client_id: 'civitas-web',
      response_type: 'code',
      scope: 'openid profile',
      redirect_uri: `${PUBLIC_URL}/callback`,
      code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString(),
  });
  expect(pushed.statusCode).toBe(201);
  return app.inject({
    method: 'GET',
    url: '/oidc/auth',
    headers,
    query: { client_id: 'civitas-web', request_uri: pushed.json().request_uri },
  });
}

describe('in production (CIVITAS_ENV=production)', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform(testDatabases()[0]!, { env: PRODUCTION });
  });
  afterAll(() => platform?.close());

  it('refuses the demo account list and demo tokens', async () => {
    const accounts = await platform.app.inject({ method: 'GET', url: '/api/demo/accounts' });
    expect(accounts.statusCode).toBe(403);
    expect(accounts.json().code).toBe('demo-disabled');
    const token = await platform.app.inject({
      method: 'POST',
      url: '/api/demo/tokens',
      remoteAddress: '127.0.0.1',
      payload: { personalNumber: platform.seeded.demoPersons[0] },
    });
    expect(token.statusCode).toBe(403);
    expect(token.json().code).toBe('demo-disabled');
  });

  it('tells browsers to keep to HTTPS, on the eID node’s answers too', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    for (const url of ['/oidc/.well-known/openid-configuration', '/oidc/jwks', '/oidc/auth?client_id=x']) {
      const answer = await platform.app.inject({ method: 'GET', url });
      expect(answer.headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
      expect(answer.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(answer.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('sets the eID node’s cookies Secure, even when the request reached it over plain HTTP', async () => {
    const authorize = await startSignIn(platform.app);
    expect(authorize.statusCode).toBe(303);
    expect(authorize.cookies.length).toBeGreaterThan(0);
    for (const cookie of authorize.cookies) expect(cookie.secure, cookie.name).toBe(true);
  });

  it('builds the eID node’s endpoints from the public URL whatever X-Forwarded-Host says', async () => {
    const discovery = await platform.app.inject({
      method: 'GET',
      url: '/oidc/.well-known/openid-configuration',
      headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http', host: 'evil.example' },
    });
    expect(discovery.body).not.toContain('evil.example');
    expect(discovery.json().authorization_endpoint).toBe(`${PUBLIC_URL}/oidc/auth`);
    expect(discovery.json().pushed_authorization_request_endpoint).toBe(`${PUBLIC_URL}/oidc/request`);
  });

  it('does not publish metrics or the API browser; the OpenAPI document stays', async () => {
    const metrics = await platform.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(404);
    expect(metrics.body).not.toContain('civitas_');
    for (const url of ['/docs', '/docs/', '/docs/static/index.html']) {
      const docs = await platform.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(docs.statusCode, url).toBe(404);
      expect(docs.body, url).not.toContain('swagger');
    }
    expect((await platform.app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
  });

  it('refuses the demo PIN sign-in at the eID node', async () => {
    const authorize = await startSignIn(platform.app);
    expect(authorize.statusCode).toBe(303);
    const cookies = authorize.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const login = await platform.app.inject({
      method: 'POST',
      url: `${authorize.headers.location}/login`,
      headers: { cookie: cookies },
      payload: { personalNumber: platform.seeded.demoPersons[0], pin: platform.config.demoPin },
    });
    expect(login.statusCode).toBe(403);
    expect(login.body).toContain('Demo sign-in is disabled');
  });

  it('does not believe X-Forwarded-For without configured proxies: spoofed addresses share one PIN limit', async () => {
    const authorize = await startSignIn(platform.app);
    const cookies = authorize.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 22; attempt++) {
      const login = await platform.app.inject({
        method: 'POST',
        url: `${authorize.headers.location}/login`,
        remoteAddress: '203.0.113.9',
        headers: { cookie: cookies, 'x-forwarded-for': `198.51.100.${attempt + 1}` },
        payload: { personalNumber: platform.seeded.demoPersons[0], pin: '0000' },
      });
      statuses.push(login.statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
  });

  it('does not honour demo role assignments', async () => {
    const official = platform.seeded.demoPersons[1]!;
    expect(await rolesOf(platform.database.db, official, false)).toEqual(['citizen']);
    expect(await rolesOf(platform.database.db, official, true)).toEqual(['citizen', 'official']);
  });
});

describe('in production with a metrics token (CIVITAS_METRICS_TOKEN)', () => {
  const token = 'metrics-token-0123456789abcdef0123456789';
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform(testDatabases()[0]!, {
      persons: 20,
      vehicles: 4,
      env: { ...PRODUCTION, CIVITAS_METRICS_TOKEN: token },
    });
  });
  afterAll(() => platform?.close());

  it('serves /metrics to the holder of the token only', async () => {
    const metrics = (authorization?: string) =>
      platform.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
    const anonymous = await metrics();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('token-missing');
    const wrong = await metrics(`Bearer ${token.replace('0', '1')}`);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('token-invalid');
    const scraper = await metrics(`Bearer ${token}`);
    expect(scraper.statusCode).toBe(200);
    expect(scraper.body).toContain('civitas_http_request_duration_seconds');
  });
});
