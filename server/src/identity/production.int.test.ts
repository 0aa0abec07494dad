import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { rolesOf } from './demo-accounts.ts';

describe('in production (CIVITAS_ENV=production)', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform(testDatabases()[0]!, {
      env: {
        CIVITAS_ENV: 'production',
        // The test platform brings its own database; the URL only satisfies the production checks.
        DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
        CIVITAS_PUBLIC_URL: 'https://civitas.example.bg',
      },
    });
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

  it('tells browsers to keep to HTTPS', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('refuses the demo PIN sign-in at the eID node', async () => {
    const forwarded = { host: 'civitas.example.bg', 'x-forwarded-proto': 'https' };
    const authorize = await platform.app.inject({
      method: 'GET',
      url: '/oidc/auth',
      headers: forwarded,
      query: {
        client_id: 'civitas-web',
        response_type: 'code',
        scope: 'openid profile',
        redirect_uri: 'https://civitas.example.bg/callback',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      },
    });
    expect(authorize.statusCode).toBe(303);
    const cookies = authorize.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const login = await platform.app.inject({
      method: 'POST',
      url: `${authorize.headers.location}/login`,
      headers: { ...forwarded, cookie: cookies },
      payload: { personalNumber: platform.seeded.demoPersons[0], pin: platform.config.demoPin },
    });
    expect(login.statusCode).toBe(403);
    expect(login.body).toContain('Demo sign-in is disabled');
  });

  it('does not honour demo role assignments', async () => {
    const official = platform.seeded.demoPersons[1]!;
    expect(await rolesOf(platform.database.db, official, false)).toEqual(['citizen']);
    expect(await rolesOf(platform.database.db, official, true)).toEqual(['citizen', 'official']);
  });
});
