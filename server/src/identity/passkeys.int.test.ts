import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { EidClient, type EidTokens } from '../../test/eid-client.ts';
import { freePort } from '../../test/net.ts';
import { SoftAuthenticator } from '../../test/passkey-authenticator.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { LOA_LOW, LOA_SUBSTANTIAL } from './eid-provider.ts';
import { PasskeyStore } from './passkeys-store.ts';

const LOA_HIGH = 'http://eidas.europa.eu/LoA/high';

interface Options {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  authenticatorSelection: Record<string, unknown>;
  attestation: string;
  excludeCredentials: Array<{ id: string }>;
}

/** The seeded demo persons (seven) are the people here; the tests share them, each asserting only its own passkeys. */
describe.each(testDatabases())('passkeys with the eID (WebAuthn) on $name', (engine) => {
  let platform: TestPlatform;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    platform = await startTestPlatform(engine, { env: { CIVITAS_PUBLIC_URL: base } });
    await platform.app.listen({ host: '127.0.0.1', port });
  });
  afterAll(() => platform?.close());

  const person = (index: number) => platform.seeded.demoPersons[index]!;
  const authenticator = (options: { backupEligible?: boolean; userVerified?: boolean } = {}) =>
    new SoftAuthenticator({ origin: base, rpId: '127.0.0.1', ...options });

  /** A signed-in session (PIN): its client, its tokens, and calls to the API with them. */
  async function pinSession(personalNumber: string) {
    const client = await EidClient.create(base);
    const tokens = await client.signIn(personalNumber, platform.config.demoPin);
    return apiOf(client, tokens);
  }

  function apiOf(client: EidClient, tokens: EidTokens) {
    const call = async (method: string, path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          ...(await client.authorization(tokens.access_token, method, path)),
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    return { client, tokens, call };
  }

  type Session = Awaited<ReturnType<typeof pinSession>>;

  async function registrationOptions(session: Session): Promise<Options> {
    const response = await session.call('POST', '/api/identity/passkeys/registration-options');
    expect(response.status).toBe(200);
    return (await response.json()) as Options;
  }

  async function register(session: Session, device: SoftAuthenticator, deviceName = 'My phone') {
    const options = await registrationOptions(session);
    const response = await session.call('POST', '/api/identity/passkeys', {
      deviceName,
      response: device.create(options),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; level: string; synced: boolean };
  }

  /** The sign-in page up to the passkey's options; answers the interaction and the options. */
  async function startPasskeySignIn(extra: Record<string, string> = {}) {
    const client = await EidClient.create(base);
    const interaction = await client.startSignIn(extra);
    const post = (path: string, body: unknown = {}) =>
      fetch(`${base}${interaction}${path}`, {
        method: 'POST',
        headers: { cookie: client.jar.header(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const optionsResponse = await post('/passkey/options');
    expect(optionsResponse.status).toBe(200);
    const options = (await optionsResponse.json()) as { challenge: string; userVerification: string };
    return { client, interaction, options, post };
  }

  /** A whole passkey sign-in; answers the tokens. */
  async function passkeySignIn(device: SoftAuthenticator, extra: Record<string, string> = {}) {
    const { client, options, post } = await startPasskeySignIn(extra);
    const verified = await post('/passkey', device.get(options));
    expect(verified.status).toBe(200);
    const { location } = (await verified.json()) as { location: string };
    const callback = await client.followToCallback(location);
    const response = await client.exchangeCode(callback.searchParams.get('code')!);
    expect(response.status).toBe(200);
    return { client, tokens: (await response.json()) as EidTokens };
  }

  async function problemOf(response: Response) {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return ((await response.json()) as { code: string }).code;
  }

  it('registers a passkey after a PIN sign-in: discoverable, user verification, a random user handle', async () => {
    const session = await pinSession(person(0));
    expect(decodeJwt(session.tokens.access_token)).toMatchObject({ acr: LOA_SUBSTANTIAL, amr: ['pin'] });
    const options = await registrationOptions(session);
    expect(options.rp.id).toBe('127.0.0.1');
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'required',
    });
    expect(options.attestation).toBe('none');
    expect(Buffer.from(options.user.id, 'base64url')).toHaveLength(32);
    expect(JSON.stringify(options)).not.toContain(person(0));
    const device = authenticator();
    const created = await session.call('POST', '/api/identity/passkeys', {
      deviceName: 'Pixel 9',
      response: device.create(options),
    });
    expect(created.status).toBe(201);
    const passkey = await created.json();
    expect(passkey).toMatchObject({
      deviceName: 'Pixel 9',
      level: LOA_SUBSTANTIAL,
      synced: false,
      lastUsedAt: null,
    });

    const list = await session.call('GET', '/api/identity/passkeys');
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([passkey]);

    // The same person's next registration gets the same user handle, and excludes the passkey it has.
    const again = await registrationOptions(session);
    expect(again.user.id).toBe(options.user.id);
    expect(again.excludeCredentials.map((credential) => credential.id)).toEqual([device.credentials[0]!.id]);
  });

  it('signs in with the passkey, no PIN: the ID token says substantial, hwk and user', async () => {
    const session = await pinSession(person(1));
    const device = authenticator();
    await register(session, device);
    const before = Math.floor(Date.now() / 1000) - 1;
    const { client, tokens } = await passkeySignIn(device);
    const idToken = decodeJwt(tokens.id_token);
    expect(idToken).toMatchObject({ sub: person(1), acr: LOA_SUBSTANTIAL, amr: ['hwk', 'user'] });
    expect(idToken.auth_time).toBeGreaterThanOrEqual(before);
    expect(decodeJwt(tokens.access_token)).toMatchObject({ acr: LOA_SUBSTANTIAL, amr: ['hwk', 'user'] });
    const me = await fetch(`${base}/api/me`, {
      headers: await client.authorization(tokens.access_token, 'GET', '/api/me'),
    });
    expect(me.status).toBe(200);
    const list = (await (await session.call('GET', '/api/identity/passkeys')).json()) as {
      items: Array<{ lastUsedAt: string | null }>;
    };
    expect(list.items[0]!.lastUsedAt).not.toBeNull();
  });

  it('offers the passkey on the sign-in page, with its scripts of this origin only', async () => {
    const client = await EidClient.create(base);
    const interaction = await client.startSignIn();
    const page = await fetch(`${base}${interaction}`, { headers: { cookie: client.jar.header() } });
    const html = await page.text();
    expect(html).toContain('Sign in with a passkey');
    expect(html).toContain(`data-action="${interaction}/passkey"`);
    expect(html).toContain('<script src="/interaction/webauthn.js" defer></script>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const library = await fetch(`${base}/interaction/webauthn.js`);
    expect(library.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await library.text()).toContain('SimpleWebAuthnBrowser');
  });

  it('refuses a replayed, a foreign and an invented registration challenge', async () => {
    const session = await pinSession(person(2));
    const device = authenticator();
    const options = await registrationOptions(session);
    const first = device.create(options);
    expect(
      (await session.call('POST', '/api/identity/passkeys', { deviceName: 'a', response: first })).status,
    ).toBe(201);
    const replay = await session.call('POST', '/api/identity/passkeys', {
      deviceName: 'a',
      response: device.create(options),
    });
    expect(replay.status).toBe(400);
    expect(await problemOf(replay)).toBe('passkey-challenge-invalid');

    const invented = await session.call('POST', '/api/identity/passkeys', {
      deviceName: 'b',
      response: device.create({ ...options, challenge: Buffer.from('not issued').toString('base64url') }),
    });
    expect(await problemOf(invented)).toBe('passkey-challenge-invalid');

    // Options issued to someone else cannot register a passkey for this person.
    const other = await pinSession(person(3));
    const othersOptions = await registrationOptions(other);
    const foreign = await session.call('POST', '/api/identity/passkeys', {
      deviceName: 'c',
      response: device.create(othersOptions),
    });
    expect(await problemOf(foreign)).toBe('passkey-challenge-invalid');
  });

  it('refuses an answer for another origin and one without user verification', async () => {
    const session = await pinSession(person(4));
    const wrongOrigin = await session.call('POST', '/api/identity/passkeys', {
      deviceName: 'x',
      response: authenticator().create(await registrationOptions(session), {
        origin: 'https://evil.example',
      }),
    });
    expect(wrongOrigin.status).toBe(400);
    expect(await problemOf(wrongOrigin)).toBe('passkey-verification-failed');
    const noUv = await session.call('POST', '/api/identity/passkeys', {
      deviceName: 'x',
      response: authenticator({ userVerified: false }).create(await registrationOptions(session)),
    });
    expect(await problemOf(noUv)).toBe('passkey-verification-failed');
    const list = (await (await session.call('GET', '/api/identity/passkeys')).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('refuses a replayed sign-in, a challenge of another sign-in and an unknown passkey', async () => {
    const session = await pinSession(person(5));
    const device = authenticator();
    await register(session, device);

    const { options, post } = await startPasskeySignIn();
    const assertion = device.get(options);
    expect((await post('/passkey', assertion)).status).toBe(200);
    const replay = await startPasskeySignIn();
    const replayed = await replay.post('/passkey', device.get(options));
    expect(replayed.status).toBe(400);
    expect(await problemOf(replayed)).toBe('passkey-challenge-invalid');

    // A challenge issued to one sign-in cannot finish another.
    const one = await startPasskeySignIn();
    const other = await startPasskeySignIn();
    const crossed = await other.post('/passkey', device.get(one.options));
    expect(await problemOf(crossed)).toBe('passkey-challenge-invalid');

    const stranger = authenticator();
    stranger.create({ challenge: 'x', user: { id: 'y' } });
    const fresh = await startPasskeySignIn();
    const unknown = await fresh.post('/passkey', stranger.get(fresh.options));
    expect(unknown.status).toBe(401);
    expect(await problemOf(unknown)).toBe('passkey-not-recognised');
  });

  it('refuses a passkey whose signature counter goes back (a cloned authenticator)', async () => {
    const session = await pinSession(person(6));
    const device = authenticator();
    await register(session, device);
    await passkeySignIn(device);
    await passkeySignIn(device);
    const { options, post } = await startPasskeySignIn();
    const cloned = await post('/passkey', device.get(options, { signCount: 1 }));
    expect(cloned.status).toBe(401);
    expect(await problemOf(cloned)).toBe('passkey-counter-regressed');
  });

  it("answers another person's passkey as not found, and a removed passkey signs no one in", async () => {
    const owner = await pinSession(person(0));
    const device = authenticator();
    const passkey = await register(owner, device);
    const stranger = await pinSession(person(4));
    const foreign = await stranger.call('DELETE', `/api/identity/passkeys/${passkey.id}`);
    expect(foreign.status).toBe(404);
    expect(await problemOf(foreign)).toBe('passkey-not-found');
    const garbage = await stranger.call('DELETE', '/api/identity/passkeys/not-a-uuid');
    expect(await problemOf(garbage)).toBe('passkey-not-found');

    const removed = await owner.call('DELETE', `/api/identity/passkeys/${passkey.id}`);
    expect(removed.status).toBe(204);
    const list = (await (await owner.call('GET', '/api/identity/passkeys')).json()) as {
      items: Array<{ id: string }>;
    };
    expect(list.items.map((item) => item.id)).not.toContain(passkey.id);
    const { options, post } = await startPasskeySignIn();
    expect(await problemOf(await post('/passkey', device.get(options)))).toBe('passkey-not-recognised');
  });

  it('gives a synchronised passkey "low" (swk), and sends a relying party asking for more to the PIN', async () => {
    const session = await pinSession(person(3));
    const synced = authenticator({ backupEligible: true });
    const passkey = await register(session, synced);
    expect(passkey).toMatchObject({ level: LOA_LOW, synced: true });
    const { tokens } = await passkeySignIn(synced);
    expect(decodeJwt(tokens.id_token)).toMatchObject({ acr: LOA_LOW, amr: ['swk', 'user'] });

    const { options, post } = await startPasskeySignIn({ acr_values: LOA_SUBSTANTIAL });
    const refused = await post('/passkey', synced.get(options));
    expect(refused.status).toBe(403);
    expect(await problemOf(refused)).toBe('passkey-level-too-low');
    // Either level will do for this relying party: the passkey's is enough.
    const { tokens: either } = await passkeySignIn(synced, { acr_values: `${LOA_SUBSTANTIAL} ${LOA_LOW}` });
    expect(decodeJwt(either.id_token).acr).toBe(LOA_LOW);

    // A level no passkey gives: the page offers only the PIN.
    const client = await EidClient.create(base);
    const interaction = await client.startSignIn({ acr_values: LOA_HIGH });
    const html = await (
      await fetch(`${base}${interaction}`, { headers: { cookie: client.jar.header() } })
    ).text();
    expect(html).not.toContain('Sign in with a passkey');
    expect(html).toContain('name="pin"');
  });

  it('registers a passkey only in a session that began with the PIN', async () => {
    const session = await pinSession(person(2));
    const device = authenticator();
    await register(session, device);
    const { client, tokens } = await passkeySignIn(device);
    const passkeySession = apiOf(client, tokens);
    const refused = await passkeySession.call('POST', '/api/identity/passkeys/registration-options');
    expect(refused.status).toBe(403);
    expect(await problemOf(refused)).toBe('passkey-needs-eid-sign-in');
    const unsigned = await fetch(`${base}/api/identity/passkeys`);
    expect(unsigned.status).toBe(401);
  });

  it('answers an expired sign-in with a problem, and refuses a device name of control characters or blanks', async () => {
    const expired = await fetch(`${base}/interaction/nothing-here/passkey/options`, { method: 'POST' });
    expect(expired.status).toBe(400);
    expect(await problemOf(expired)).toBe('passkey-sign-in-expired');
    const session = await pinSession(person(6));
    for (const deviceName of ['   ', 'a\u0007b', 'x'.repeat(65)]) {
      const response = await session.call('POST', '/api/identity/passkeys', {
        deviceName,
        response: authenticator().create(await registrationOptions(session)),
      });
      expect(response.status, JSON.stringify(deviceName)).toBe(400);
    }
  });

  it('keeps a challenge for a short while only, and for one use', async () => {
    const store = new PasskeyStore(platform.database.db);
    const binding = { purpose: 'authentication', interactionUid: 'uid-1' } as const;
    await store.issueChallenge('challenge-late', binding, 150);
    const later = new Date(Date.now() + 151_000);
    expect(await store.consumeChallenge('challenge-late', binding, later)).toBe(false);
    await store.issueChallenge('challenge-once', binding, 150);
    expect(await store.consumeChallenge('challenge-once', binding)).toBe(true);
    expect(await store.consumeChallenge('challenge-once', binding)).toBe(false);
    await store.issueChallenge('challenge-other', binding, 150);
    expect(await store.consumeChallenge('challenge-other', { purpose: 'registration', egn: person(0) })).toBe(
      false,
    );
  });
});
