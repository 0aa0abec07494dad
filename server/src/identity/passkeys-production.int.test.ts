import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { SoftAuthenticator } from '../../test/passkey-authenticator.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { LOA_SUBSTANTIAL } from './eid-provider.ts';
import { PasskeyStore } from './passkeys-store.ts';

const PUBLIC_URL = 'https://civitas.example.bg';
const PRODUCTION = {
  CIVITAS_ENV: 'production',
  DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
  CIVITAS_PUBLIC_URL: PUBLIC_URL,
};

/** A pushed authorization request and the authorization endpoint: answers the interaction and its cookies. */
async function startSignIn(app: FastifyInstance) {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const pushed = await app.inject({
    method: 'POST',
    url: '/oidc/request',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      client_id: 'civitas-web',
      response_type: 'code',
      scope: 'openid profile',
      redirect_uri: `${PUBLIC_URL}/callback`,
      code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString(),
  });
  const authorize = await app.inject({
    method: 'GET',
    url: '/oidc/auth',
    query: { client_id: 'civitas-web', request_uri: pushed.json().request_uri },
  });
  const cookie = authorize.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { interaction: new URL(authorize.headers.location!, PUBLIC_URL).pathname, cookie };
}

/**
 * Passkeys are not a demo convenience: in production the demo PIN is refused, and a passkey
 * (registered earlier, with the real eID) signs the person in, for the public URL's origin only.
 */
describe('passkeys in production (CIVITAS_ENV=production)', () => {
  let platform: TestPlatform;
  const device = new SoftAuthenticator({ origin: PUBLIC_URL, rpId: 'civitas.example.bg' });

  beforeAll(async () => {
    platform = await startTestPlatform(testDatabases()[0]!, { env: PRODUCTION });
    // A passkey registered at "substantial" (in production, after a sign-in with the real eID).
    const store = new PasskeyStore(platform.database.db);
    const egn = platform.seeded.demoPersons[0]!;
    const userHandle = await store.userHandleOf(egn);
    const created = device.create({ challenge: 'unused', user: { id: userHandle } });
    const { isoCBOR } = await import('@simplewebauthn/server/helpers');
    const attestation = isoCBOR.decodeFirst<Map<string, Uint8Array>>(
      Buffer.from((created.response as { attestationObject: string }).attestationObject, 'base64url'),
    );
    const authData = attestation.get('authData')!;
    await store.add({
      egn,
      credentialId: device.credentials[0]!.id,
      publicKey: authData.slice(37 + 16 + 2 + 32),
      signCount: 0,
      transports: ['internal'],
      deviceName: 'Phone',
      registeredAcr: LOA_SUBSTANTIAL,
      backupEligible: false,
    });
  });
  afterAll(() => platform?.close());

  async function post(path: string, cookie: string, body: unknown = {}) {
    return platform.app.inject({ method: 'POST', url: path, headers: { cookie }, payload: body as object });
  }

  it('offers the passkey on the sign-in page and signs the person in, for the https public origin', async () => {
    const { interaction, cookie } = await startSignIn(platform.app);
    const page = await platform.app.inject({ method: 'GET', url: interaction, headers: { cookie } });
    expect(page.body).toContain('Sign in with a passkey');
    const options = (await post(`${interaction}/passkey/options`, cookie)).json();
    expect(options).toMatchObject({ rpId: 'civitas.example.bg', userVerification: 'required' });
    expect(options.allowCredentials ?? []).toEqual([]);

    const signedIn = await post(`${interaction}/passkey`, cookie, device.get(options));
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().location).toMatch(new RegExp(`^${PUBLIC_URL}/oidc/auth/`));
  });

  it('refuses an answer made for the plain-http origin', async () => {
    const { interaction, cookie } = await startSignIn(platform.app);
    const options = (await post(`${interaction}/passkey/options`, cookie)).json();
    const http = new SoftAuthenticator({ origin: 'http://civitas.example.bg', rpId: 'civitas.example.bg' });
    http.credentials.push(device.credentials[0]!);
    const refused = await post(`${interaction}/passkey`, cookie, http.get(options));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('passkey-verification-failed');
  });
});
