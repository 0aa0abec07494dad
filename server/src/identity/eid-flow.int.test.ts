import crypto from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { freePort } from '../../test/net.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { API_AUDIENCE } from './tokens.ts';

/** A minimal browser: follows nothing by itself, keeps cookies per name. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const engine = testDatabases()[0]!;

describe('national eID sign-in (OpenID Connect, authorization code + PKCE)', () => {
  let platform: TestPlatform;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    platform = await startTestPlatform(engine, { env: { CIVITAS_PUBLIC_URL: base } });
    await platform.app.listen({ host: '127.0.0.1', port });
  });
  afterAll(() => platform?.close());

  async function startAuthorization(jar: CookieJar, extra: Record<string, string> = {}) {
    const verifier = crypto.randomBytes(32).toString('base64url');
    const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
    const query = new URLSearchParams({
      client_id: 'civitas-web',
      response_type: 'code',
      scope: 'openid profile',
      redirect_uri: `${base}/callback`,
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    });
    const response = await fetch(`${base}/oidc/auth?${query}`, { redirect: 'manual' });
    jar.store(response);
    return { response, verifier };
  }

  async function submitLogin(jar: CookieJar, interactionUrl: string, personalNumber: string, pin: string) {
    const response = await fetch(`${base}${interactionUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ personalNumber, pin }),
    });
    jar.store(response);
    return response;
  }

  function exchangeCode(code: string, verifier: string) {
    return fetch(`${base}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${base}/callback`,
        client_id: 'civitas-web',
        code_verifier: verifier,
      }),
    });
  }

  it('signs a demo citizen in and issues an access token the API accepts', async () => {
    const jar = new CookieJar();
    const { response: authorize, verifier } = await startAuthorization(jar);
    expect(authorize.status).toBe(303);
    const interactionUrl = authorize.headers.get('location')!;
    expect(interactionUrl).toMatch(/^\/interaction\/[\w-]+$/);

    const page = await fetch(`${base}${interactionUrl}`, { headers: { cookie: jar.header() } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Personal number (EGN)');
    expect(html).toContain(platform.seeded.demoPersons[0]!);

    const citizen = platform.seeded.demoPersons[0]!;
    const afterLogin = await submitLogin(jar, interactionUrl, citizen, platform.config.demoPin);
    expect(afterLogin.status).toBe(303);
    const resume = await fetch(afterLogin.headers.get('location')!, {
      redirect: 'manual',
      headers: { cookie: jar.header() },
    });
    jar.store(resume);
    expect(resume.status).toBe(303);
    const callback = new URL(resume.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${base}/callback`);
    expect(callback.searchParams.get('state')).toBe('state-1');
    const code = callback.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const tokenResponse = await exchangeCode(code, verifier);
    expect(tokenResponse.status).toBe(200);
    const tokens = (await tokenResponse.json()) as {
      access_token: string;
      id_token: string;
      token_type: string;
    };
    expect(tokens.token_type).toBe('Bearer');
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(decodeJwt(tokens.access_token)).toMatchObject({
      sub: citizen,
      aud: API_AUDIENCE,
      roles: ['citizen'],
      client_id: 'civitas-web',
    });
    expect(decodeJwt(tokens.id_token)).toMatchObject({ sub: citizen, nonce: 'nonce-1' });

    const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { personalNumber: string }).personalNumber).toBe(citizen);

    const replay = await exchangeCode(code, verifier);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('puts the official role into the token of the official demo account', async () => {
    const official = platform.seeded.demoPersons[1]!;
    const jar = new CookieJar();
    const { response: authorize, verifier } = await startAuthorization(jar);
    const afterLogin = await submitLogin(
      jar,
      authorize.headers.get('location')!,
      official,
      platform.config.demoPin,
    );
    const resume = await fetch(afterLogin.headers.get('location')!, {
      redirect: 'manual',
      headers: { cookie: jar.header() },
    });
    const code = new URL(resume.headers.get('location')!).searchParams.get('code')!;
    const tokenResponse = await exchangeCode(code, verifier);
    const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
    expect(decodeJwt(accessToken)).toMatchObject({ sub: official, roles: ['citizen', 'official'] });
    const lookup = await fetch(`${base}/api/persons/${platform.seeded.demoPersons[0]}`, {
      headers: {
        authorization: `Bearer ${accessToken}`,
        'x-purpose': 'address-verification',
        'x-legal-basis': 'civil-registration-act-art-106',
      },
    });
    expect(lookup.status).toBe(200);
  });

  it('refuses a wrong PIN, a malformed personal number and an unknown person, without leaving the page', async () => {
    const jar = new CookieJar();
    const { response: authorize } = await startAuthorization(jar);
    const interactionUrl = authorize.headers.get('location')!;
    const citizen = platform.seeded.demoPersons[0]!;

    const wrongPin = await submitLogin(jar, interactionUrl, citizen, '0000');
    expect(wrongPin.status).toBe(401);
    expect(await wrongPin.text()).toContain('Wrong personal number or PIN');

    const malformed = await submitLogin(jar, interactionUrl, '12345', platform.config.demoPin);
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('not valid');

    const stillWorks = await submitLogin(jar, interactionUrl, citizen, platform.config.demoPin);
    expect(stillWorks.status).toBe(303);
  });

  it('requires PKCE from the public web client', async () => {
    const query = new URLSearchParams({
      client_id: 'civitas-web',
      response_type: 'code',
      scope: 'openid profile',
      redirect_uri: `${base}/callback`,
      state: 's',
    });
    const response = await fetch(`${base}/oidc/auth?${query}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('refuses an unregistered redirect URI on its own page, never redirecting there', async () => {
    const jar = new CookieJar();
    const { response } = await startAuthorization(jar, { redirect_uri: 'https://attacker.example/callback' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });

  it('shows an expired-session page for an unknown interaction', async () => {
    const response = await fetch(`${base}/interaction/does-not-exist`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Session expired');
  });

  it('publishes OpenID discovery with PKCE S256 and a JWKS of ES256 keys', async () => {
    const discovery = (await (await fetch(`${base}/oidc/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery.issuer).toBe(`${base}/oidc`);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as {
      keys: Array<Record<string, unknown>>;
    };
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});
