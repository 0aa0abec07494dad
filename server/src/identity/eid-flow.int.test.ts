import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { DpopKey, EidClient } from '../../test/eid-client.ts';
import { freePort } from '../../test/net.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { LOA_LOW, LOA_SUBSTANTIAL } from './eid-provider.ts';
import { API_AUDIENCE, eidIssuer, issueScriptingToken } from './tokens.ts';

describe.each(testDatabases())(
  'national eID sign-in (OpenID Connect: PAR, PKCE, DPoP) on $name',
  (engine) => {
    let platform: TestPlatform;
    let base: string;

    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      platform = await startTestPlatform(engine, { env: { CIVITAS_PUBLIC_URL: base } });
      await platform.app.listen({ host: '127.0.0.1', port });
    });
    afterAll(() => platform?.close());

    const citizen = () => platform.seeded.demoPersons[0]!;

    async function problemOf(response: Response) {
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return (await response.json()) as { code: string; detail: string };
    }

    it('signs a demo citizen in through a pushed request and issues a DPoP-bound token the API accepts', async () => {
      const client = await EidClient.create(base);
      const interactionUrl = await client.startSignIn();
      expect(interactionUrl).toMatch(/^\/interaction\/[\w-]+$/);
      const page = await fetch(`${base}${interactionUrl}`, { headers: { cookie: client.jar.header() } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Personal number (EGN)');
      expect(html).toContain(citizen());

      const login = await client.submitLogin(interactionUrl, citizen(), platform.config.demoPin);
      expect(login.status).toBe(303);
      const callback = await client.followToCallback(login.headers.get('location')!);
      expect(`${callback.origin}${callback.pathname}`).toBe(`${base}/callback`);
      expect(callback.searchParams.get('state')).toBe('state-1');
      expect(callback.searchParams.get('iss')).toBe(eidIssuer(base));
      const code = callback.searchParams.get('code')!;

      const tokenResponse = await client.exchangeCode(code);
      expect(tokenResponse.status).toBe(200);
      const tokens = (await tokenResponse.json()) as {
        access_token: string;
        id_token: string;
        token_type: string;
      };
      expect(tokens.token_type).toBe('DPoP');
      expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
      expect(decodeJwt(tokens.access_token)).toMatchObject({
        sub: citizen(),
        aud: API_AUDIENCE,
        roles: ['citizen'],
        client_id: 'civitas-web',
        cnf: { jkt: client.key.thumbprint },
      });
      expect(decodeJwt(tokens.id_token)).toMatchObject({ sub: citizen(), nonce: 'nonce-1' });

      const me = await fetch(`${base}/api/me`, {
        headers: await client.authorization(tokens.access_token, 'GET', '/api/me'),
      });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { personalNumber: string }).personalNumber).toBe(citizen());

      const replay = await client.exchangeCode(code);
      expect(replay.status).toBe(400);
      expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');
    });

    it('puts the eIDAS level of assurance, the method and the time of the sign-in into the ID token', async () => {
      const before = Math.floor(Date.now() / 1000) - 1;
      const tokens = await (await EidClient.create(base)).signIn(citizen(), platform.config.demoPin);
      const idToken = decodeJwt(tokens.id_token);
      expect(idToken.acr).toBe(LOA_SUBSTANTIAL);
      expect(idToken.amr).toEqual(['pin']);
      expect(idToken.auth_time).toBeGreaterThanOrEqual(before);
      expect(idToken.auth_time).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 1);
    });

    it('puts the official role into the token of the official demo account', async () => {
      const official = platform.seeded.demoPersons[1]!;
      const client = await EidClient.create(base);
      const tokens = await client.signIn(official, platform.config.demoPin);
      expect(decodeJwt(tokens.access_token)).toMatchObject({ sub: official, roles: ['citizen', 'official'] });
      const path = `/api/persons/${citizen()}`;
      const lookup = await fetch(`${base}${path}`, {
        headers: {
          ...(await client.authorization(tokens.access_token, 'GET', path)),
          'x-purpose': 'address-verification',
          'x-legal-basis': 'civil-registration-act-art-106',
        },
      });
      expect(lookup.status).toBe(200);
    });

    it('refuses an authorization request that was not pushed first (PAR is required)', async () => {
      const query = new URLSearchParams({
        client_id: 'civitas-web',
        response_type: 'code',
        scope: 'openid profile',
        redirect_uri: `${base}/callback`,
        state: 's',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      });
      const response = await fetch(`${base}/oidc/auth?${query}`, { redirect: 'manual' });
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get('location')!);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('error_description')).toMatch(/pushed authorization request/i);
    });

    it('refuses implicit and hybrid flows, a request without PKCE and an unregistered redirect URI', async () => {
      const client = await EidClient.create(base);
      for (const responseType of ['id_token', 'code id_token', 'token']) {
        const refused = await client.pushAuthorization({ response_type: responseType });
        expect(refused.status, responseType).toBe(400);
        // Refused before anything else is looked at: the type itself, or the fragment it implies.
        expect(['unsupported_response_type', 'invalid_request']).toContain(
          ((await refused.json()) as { error: string }).error,
        );
      }
      const fragment = await client.pushAuthorization({ response_mode: 'fragment' });
      expect(fragment.status).toBe(400);

      const withoutPkce = await client.pushAuthorization({ code_challenge: '', code_challenge_method: '' });
      expect(withoutPkce.status).toBe(400);
      expect(((await withoutPkce.json()) as { error_description: string }).error_description).toMatch(/PKCE/);

      const foreign = await client.pushAuthorization({ redirect_uri: 'https://attacker.example/callback' });
      expect(foreign.status).toBe(400);
      expect(JSON.stringify(await foreign.json())).toContain('redirect_uri');
    });

    it('shows an expired-session page for an unknown interaction', async () => {
      const response = await fetch(`${base}/interaction/does-not-exist`);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('Session expired');
    });

    it('publishes OpenID discovery listing only what is used: code flow, PAR, PKCE S256, DPoP, ES256, no secrets', async () => {
      const response = await fetch(`${base}/oidc/.well-known/openid-configuration`);
      const text = await response.text();
      const discovery = JSON.parse(text) as Record<string, unknown>;
      expect(discovery.issuer).toBe(`${base}/oidc`);
      expect(discovery.response_types_supported).toEqual(['code']);
      expect(discovery.response_modes_supported).toEqual(['query']);
      expect(discovery.grant_types_supported).toEqual(['authorization_code']);
      expect(discovery.token_endpoint_auth_methods_supported).toEqual(['none']);
      expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
      expect(discovery.require_pushed_authorization_requests).toBe(true);
      expect(discovery.pushed_authorization_request_endpoint).toBe(`${base}/oidc/request`);
      expect(discovery.dpop_signing_alg_values_supported).toEqual(['ES256']);
      expect(discovery.id_token_signing_alg_values_supported).toEqual(['ES256']);
      expect(discovery.acr_values_supported).toEqual([LOA_LOW, LOA_SUBSTANTIAL]);
      expect(discovery.claims_supported).toEqual(expect.arrayContaining(['acr', 'amr', 'auth_time']));
      expect(text).not.toMatch(/HS256|client_secret|implicit|id_token token|fragment/);
      const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as {
        keys: Array<Record<string, unknown>>;
      };
      expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256' });
      expect(jwks.keys[0]).not.toHaveProperty('d');
    });

    it("builds the eID node's endpoints from the public URL, never from a client's Host or X-Forwarded-Host", async () => {
      const response = await platform.app.inject({
        method: 'GET',
        url: '/oidc/.well-known/openid-configuration',
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('evil.example');
      const discovery = response.json() as Record<string, string>;
      expect(discovery.authorization_endpoint).toBe(`${base}/oidc/auth`);
      expect(discovery.token_endpoint).toBe(`${base}/oidc/token`);
      expect(discovery.jwks_uri).toBe(`${base}/oidc/jwks`);
    });

    it('sends the security headers on the eID node’s own answers', async () => {
      const response = await fetch(`${base}/oidc/.well-known/openid-configuration`);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const error = await fetch(`${base}/oidc/auth?client_id=nobody`);
      expect(error.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(error.headers.get('x-content-type-options')).toBe('nosniff');
    });

    describe('sender-constrained access tokens (DPoP) at the API', () => {
      let client: EidClient;
      let accessToken: string;

      beforeAll(async () => {
        client = await EidClient.create(base);
        accessToken = (await client.signIn(citizen(), platform.config.demoPin)).access_token;
      });

      const me = (headers: Record<string, string>) => fetch(`${base}/api/me`, { headers });

      it('refuses the bound token without a proof, or sent as a bearer token', async () => {
        const withoutProof = await me({ authorization: `DPoP ${accessToken}` });
        expect(withoutProof.status).toBe(401);
        expect((await problemOf(withoutProof)).code).toBe('dpop-proof-invalid');
        expect(withoutProof.headers.get('www-authenticate')).toContain('DPoP error="invalid_dpop_proof"');

        const asBearer = await me({
          authorization: `Bearer ${accessToken}`,
          dpop: await client.key.proof('GET', `${base}/api/me`, { accessToken }),
        });
        expect(asBearer.status).toBe(401);
        expect((await problemOf(asBearer)).code).toBe('token-invalid');
      });

      it('refuses a proof made with another key, for another URL, method or token, or a stale one', async () => {
        const stranger = await DpopKey.generate();
        const cases: Array<[string, Promise<string>]> = [
          ['another key', stranger.proof('GET', `${base}/api/me`, { accessToken })],
          ['another URL', client.key.proof('GET', `${base}/api/me/data-usage`, { accessToken })],
          ['another method', client.key.proof('POST', `${base}/api/me`, { accessToken })],
          ['another token', client.key.proof('GET', `${base}/api/me`, { accessToken: `${accessToken}x` })],
          ['no token hash', client.key.proof('GET', `${base}/api/me`)],
          [
            'a stale proof',
            client.key.proof('GET', `${base}/api/me`, {
              accessToken,
              iat: Math.floor(Date.now() / 1000) - 600,
            }),
          ],
        ];
        for (const [name, proof] of cases) {
          const response = await me({ authorization: `DPoP ${accessToken}`, dpop: await proof });
          expect(response.status, name).toBe(401);
          expect((await problemOf(response)).code, name).toBe('dpop-proof-invalid');
        }
      });

      it('accepts a proof once: a replayed proof is refused', async () => {
        const headers = await client.authorization(accessToken, 'GET', '/api/me');
        expect((await me(headers)).status).toBe(200);
        const replayed = await me(headers);
        expect(replayed.status).toBe(401);
        expect((await problemOf(replayed)).code).toBe('dpop-proof-invalid');
      });

      it('reads the Authorization scheme case-insensitively', async () => {
        const headers = await client.authorization(accessToken, 'GET', '/api/me');
        expect((await me({ ...headers, authorization: `dpop ${accessToken}` })).status).toBe(200);
        const scripting = await issueScriptingToken(platform.keys, eidIssuer(base), citizen(), ['citizen']);
        expect((await me({ authorization: `BEARER ${scripting}` })).status).toBe(200);
        expect((await me({ authorization: `bearer ${scripting}` })).status).toBe(200);
      });

      it('answers userinfo for the access token the node issued', async () => {
        const response = await fetch(`${base}/oidc/me`, {
          headers: await client.authorization(accessToken, 'GET', '/oidc/me'),
        });
        expect(response.status).toBe(200);
        const claims = (await response.json()) as Record<string, unknown>;
        expect(claims).toMatchObject({ sub: citizen(), roles: ['citizen'] });
        expect(typeof claims.family_name).toBe('string');
        expect(typeof claims.birthdate).toBe('string');
        const withoutProof = await fetch(`${base}/oidc/me`, {
          headers: { authorization: `DPoP ${accessToken}` },
        });
        expect(withoutProof.status).toBe(401);
      });
    });

    describe('signing out', () => {
      it('ends the eID session in one step and revokes the access token', async () => {
        const client = await EidClient.create(base);
        const tokens = await client.signIn(citizen(), platform.config.demoPin);
        const query = new URLSearchParams({
          client_id: 'civitas-web',
          id_token_hint: tokens.id_token,
          post_logout_redirect_uri: `${base}/`,
        });
        const page = await fetch(`${base}/oidc/session/end?${query}`, {
          headers: { cookie: client.jar.header() },
        });
        client.jar.store(page);
        expect(page.status).toBe(200);
        const html = await page.text();
        // Submitted by the page itself (one small script; a button without scripts).
        expect(html).toContain('data-auto-submit');
        expect(html).toContain('<script src="/interaction/eid-submit.js" defer></script>');
        expect(html).not.toMatch(/<form[^>]*>\s*<\/form>/);
        const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;
        const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
        const script = await fetch(`${base}/interaction/eid-submit.js`);
        expect(await script.text()).toContain('data-auto-submit');

        const confirm = await fetch(new URL(action.replaceAll('&amp;', '&'), base), {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: client.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ xsrf, logout: 'yes' }),
        });
        client.jar.store(confirm);
        expect(confirm.status).toBe(303);
        expect(confirm.headers.get('location')).toBe(`${base}/`);

        const me = await fetch(`${base}/api/me`, {
          headers: await client.authorization(tokens.access_token, 'GET', '/api/me'),
        });
        expect(me.status).toBe(401);
        expect((await problemOf(me)).code).toBe('token-invalid');
        const userinfo = await fetch(`${base}/oidc/me`, {
          headers: await client.authorization(tokens.access_token, 'GET', '/oidc/me'),
        });
        expect(userinfo.status).toBe(401);
      });

      it('asks for the PIN again after a sign-out left half-way: the next person is never signed in by itself', async () => {
        const client = await EidClient.create(base);
        const tokens = await client.signIn(citizen(), platform.config.demoPin);
        const query = new URLSearchParams({ client_id: 'civitas-web', id_token_hint: tokens.id_token });
        const abandoned = await fetch(`${base}/oidc/session/end?${query}`, {
          headers: { cookie: client.jar.header() },
        });
        client.jar.store(abandoned);
        expect(abandoned.status).toBe(200);

        const interactionUrl = await client.startSignIn();
        expect(interactionUrl).toMatch(/^\/interaction\/[\w-]+$/);
        const page = await fetch(`${base}${interactionUrl}`, { headers: { cookie: client.jar.header() } });
        expect(await page.text()).toContain('name="pin"');
      });

      it('asks for confirmation when the request does not come with the signed-in person’s ID token', async () => {
        const client = await EidClient.create(base);
        await client.signIn(citizen(), platform.config.demoPin);
        const page = await fetch(`${base}/oidc/session/end`, { headers: { cookie: client.jar.header() } });
        const html = await page.text();
        expect(html).not.toContain('data-auto-submit');
        expect(html).toMatch(/<form method="post"[^>]*>[\s\S]*<button class="primary" type="submit">/);
      });
    });
  },
);
