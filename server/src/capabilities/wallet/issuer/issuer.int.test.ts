import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { HolderKey } from '../../../../test/wallet-holder.ts';
import { tablesOf } from '../../../db/index.ts';
import { eidIssuer, issueScriptingToken } from '../../../identity/tokens.ts';
import type { IssuerTables } from './tables.ts';

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;
const PRE_AUTHORIZED = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

type Reply = { statusCode: number; headers: Record<string, unknown>; body: string; json(): any };

function expectIssuanceError(response: Reply, status: number, code: string, error?: string) {
  expect(response.body).not.toMatch(STACK_TRACE);
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body.code).toBe(code);
  if (error) expect(body.error).toBe(error);
}

describe.each(testDatabases())('the wallet credential issuer (OpenID4VCI) on $name', (engine) => {
  let platform: TestPlatform;
  let issuer: string;
  let citizen: string;
  let officialToken: string;
  let citizenToken: string;

  beforeAll(async () => {
    platform = await startTestPlatform(engine, { persons: 60, vehicles: 20 });
    issuer = platform.config.publicUrl;
    const [first, second] = platform.seeded.demoPersons as [string, string];
    citizen = first;
    const eid = eidIssuer(issuer);
    officialToken = await issueScriptingToken(platform.keys, eid, second, ['citizen', 'official']);
    citizenToken = await issueScriptingToken(platform.keys, eid, citizen, ['citizen']);
  });
  afterAll(() => platform?.close());

  const inject = (options: InjectOptions) => platform.app.inject(options) as unknown as Promise<Reply>;

  async function offer(configurationId = 'ehic', extra: Record<string, string> = {}) {
    const response = await inject({
      method: 'POST',
      url: '/api/wallet/offers',
      headers: { authorization: `Bearer ${officialToken}` },
      payload: { personalNumber: citizen, configurationId, ...extra },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const json = JSON.parse(decodeURIComponent(body.offerUri.split('credential_offer=')[1]));
    return { ...body, offer: json, code: json.grants[PRE_AUTHORIZED]['pre-authorized_code'] as string };
  }

  function token(code: string, txCode?: string) {
    const form = new URLSearchParams({ grant_type: PRE_AUTHORIZED, 'pre-authorized_code': code });
    if (txCode !== undefined) form.set('tx_code', txCode);
    return inject({
      method: 'POST',
      url: '/api/wallet/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
  }

  async function nonce(): Promise<string> {
    const response = await inject({ method: 'POST', url: '/api/wallet/nonce' });
    expect(response.statusCode).toBe(200);
    return response.json().c_nonce;
  }

  function credential(accessToken: string, body: unknown) {
    return inject({
      method: 'POST',
      url: '/api/wallet/credential',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async function accessTokenFor(configurationId = 'ehic') {
    const made = await offer(configurationId);
    const response = await token(made.code, made.txCode);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().access_token as string;
  }

  it('publishes credential issuer metadata from the catalogue, with bg, en and pl displays', async () => {
    const response = await inject({ method: 'GET', url: '/.well-known/openid-credential-issuer' });
    expect(response.statusCode).toBe(200);
    const metadata = response.json();
    expect(metadata.credential_issuer).toBe(issuer);
    expect(metadata.credential_endpoint).toBe(`${issuer}/api/wallet/credential`);
    expect(metadata.nonce_endpoint).toBe(`${issuer}/api/wallet/nonce`);
    expect(metadata.authorization_servers).toEqual([eidIssuer(issuer), issuer]);
    expect(metadata.batch_credential_issuance.batch_size).toBeGreaterThanOrEqual(2);
    const pid = metadata.credential_configurations_supported['pid-sd-jwt'];
    expect(pid).toMatchObject({ format: 'dc+sd-jwt', vct: 'urn:eudi:pid:1', scope: 'pid-sd-jwt' });
    expect(pid.credential_signing_alg_values_supported).toEqual(['ES256']);
    expect(pid.cryptographic_binding_methods_supported).toEqual(['jwk']);
    expect(pid.proof_types_supported.jwt.proof_signing_alg_values_supported).toEqual(['ES256']);
    expect(pid.credential_metadata.display.map((d: { locale: string }) => d.locale)).toEqual([
      'bg-BG',
      'en-GB',
      'pl-PL',
    ]);
    const age = pid.credential_metadata.claims.find(
      (claim: { path: string[] }) => claim.path.join('.') === 'age_equal_or_over.18',
    );
    expect(age.display.find((d: { locale: string }) => d.locale === 'bg-BG').name).toBe(
      'Навършени 18 години',
    );
    const mdl = metadata.credential_configurations_supported.mdl;
    expect(mdl).toMatchObject({ format: 'mso_mdoc', doctype: 'org.iso.18013.5.1.mDL' });
    expect(Object.keys(metadata.credential_configurations_supported).sort()).toEqual(
      ['ehic', 'mdl', 'pid-mdoc', 'pid-sd-jwt', 'vehicle-registration'].sort(),
    );

    const as = (await inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' })).json();
    expect(as).toMatchObject({
      issuer,
      token_endpoint: `${issuer}/api/wallet/token`,
      'pre-authorized_grant_anonymous_access_supported': true,
    });
    expect(as.grant_types_supported).toContain(PRE_AUTHORIZED);
  });

  it('gives out fresh nonces that are not cached', async () => {
    const response = await inject({ method: 'POST', url: '/api/wallet/nonce' });
    expect(response.headers['cache-control']).toBe('no-store');
    const first = response.json().c_nonce;
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await nonce()).not.toBe(first);
  });

  it('lets only officials make desk offers, and never echoes the personal number', async () => {
    const made = await offer('ehic');
    expect(made.offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    expect(made.offerByReferenceUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
    expect(made.qrSvg).toMatch(/^<svg/);
    expect(made.txCode).toMatch(/^\d{6}$/);
    expect(Date.parse(made.expiresAt)).toBeGreaterThan(Date.now());
    expect(JSON.stringify(made)).not.toContain(citizen);
    expect(made.offer).toMatchObject({ credential_issuer: issuer, credential_configuration_ids: ['ehic'] });
    expect(made.offer.grants[PRE_AUTHORIZED].tx_code).toMatchObject({ input_mode: 'numeric', length: 6 });

    const byReference = decodeURIComponent(made.offerByReferenceUri.split('credential_offer_uri=')[1]);
    const fetched = await inject({ method: 'GET', url: byReference.slice(issuer.length) });
    expect(fetched.json()).toEqual(made.offer);

    const asCitizen = await inject({
      method: 'POST',
      url: '/api/wallet/offers',
      headers: { authorization: `Bearer ${citizenToken}` },
      payload: { personalNumber: citizen, configurationId: 'ehic' },
    });
    expectIssuanceError(asCitizen, 403, 'role-forbidden');
    const post = (payload: unknown) =>
      inject({
        method: 'POST',
        url: '/api/wallet/offers',
        headers: { authorization: `Bearer ${officialToken}` },
        payload: payload as Record<string, string>,
      });
    expectIssuanceError(
      await post({ personalNumber: '1234567890', configurationId: 'ehic' }),
      400,
      'invalid-personal-number',
    );
    expectIssuanceError(
      await post({ personalNumber: citizen, configurationId: 'passport' }),
      400,
      'issuance-configuration-unknown',
    );
    expectIssuanceError(
      await post({ personalNumber: citizen, configurationId: 'vehicle-registration' }),
      400,
      'issuance-vin-required',
    );
    expectIssuanceError(
      await post({ personalNumber: `${citizen}\u0000`, configurationId: 'ehic' }),
      400,
      'control-character',
    );
  });

  it('redeems a pre-authorized code once, with its transaction code', async () => {
    const made = await offer();
    const first = await token(made.code, made.txCode);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect(first.headers['cache-control']).toBe('no-store');
    expectIssuanceError(await token(made.code, made.txCode), 400, 'issuance-code-invalid', 'invalid_grant');
    expectIssuanceError(
      await token('not-a-code-we-gave', '123456'),
      400,
      'issuance-code-invalid',
      'invalid_grant',
    );
    const other = await inject({
      method: 'POST',
      url: '/api/wallet/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=authorization_code&code=${made.code}`,
    });
    expectIssuanceError(other, 400, 'issuance-grant-unsupported', 'unsupported_grant_type');
  });

  it('counts wrong transaction codes per offer and kills the offer at the fifth', async () => {
    const made = await offer();
    const wrong = made.txCode === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await token(made.code, wrong);
      expectIssuanceError(response, 400, 'issuance-tx-code-wrong', 'invalid_grant');
      expect(response.json().detail).toContain(`${5 - attempt} attempts left`);
    }
    expectIssuanceError(await token(made.code, wrong), 400, 'issuance-offer-exhausted', 'invalid_grant');
    // Dead: even the right code no longer opens it.
    expectIssuanceError(
      await token(made.code, made.txCode),
      400,
      'issuance-offer-exhausted',
      'invalid_grant',
    );
    expectIssuanceError(await token((await offer()).code), 400, 'issuance-tx-code-wrong');
  });

  it('refuses an expired offer, at the token endpoint and by reference', async () => {
    const made = await offer();
    await tablesOf<IssuerTables>(platform.database.db)
      .updateTable('wallet.issuer_offers')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('state', '=', 'open')
      .execute();
    expectIssuanceError(await token(made.code, made.txCode), 400, 'issuance-code-expired', 'invalid_grant');
    const byReference = decodeURIComponent(made.offerByReferenceUri.split('credential_offer_uri=')[1]);
    expectIssuanceError(
      await inject({ method: 'GET', url: byReference.slice(issuer.length) }),
      404,
      'issuance-offer-not-found',
    );
  });

  it('refuses credential requests without a valid access token', async () => {
    const holder = await HolderKey.generate();
    const body = {
      credential_configuration_id: 'ehic',
      proofs: { jwt: [await holder.proof(issuer, await nonce())] },
    };
    const none = await inject({ method: 'POST', url: '/api/wallet/credential', payload: body });
    expectIssuanceError(none, 401, 'issuance-token-invalid', 'invalid_token');
    expect(String(none.headers['www-authenticate'])).toContain('invalid_token');
    expectIssuanceError(
      await credential('unknown-token-value', body),
      401,
      'issuance-token-invalid',
      'invalid_token',
    );
    // An eID token for the Civitas API is not one for the credential issuer.
    expectIssuanceError(await credential(citizenToken, body), 401, 'issuance-token-invalid', 'invalid_token');
  });

  it('refuses bad credential requests with the OpenID4VCI error and our code', async () => {
    const accessToken = await accessTokenFor('ehic');
    const [holder, other] = [await HolderKey.generate(), await HolderKey.generate()];
    const request = async (jwts: string[], id = 'ehic') =>
      credential(accessToken, { credential_configuration_id: id, proofs: { jwt: jwts } });

    expectIssuanceError(
      await credential(accessToken, '{"credential_configuration_id": '),
      400,
      'issuance-request-invalid',
      'invalid_credential_request',
    );
    expectIssuanceError(await credential(accessToken, '["ehic"]'), 400, 'issuance-request-invalid');
    expectIssuanceError(
      await credential(accessToken, '{"credential_configuration_id":"ehic","proofs":{"jwt":["a\\u0000"]}}'),
      400,
      'control-character',
    );
    expectIssuanceError(
      await credential(accessToken, { proofs: { jwt: [] } }),
      400,
      'issuance-request-invalid',
    );
    expectIssuanceError(
      await request([await holder.proof(issuer, await nonce())], 'passport'),
      400,
      'issuance-configuration-unknown',
      'unknown_credential_configuration',
    );
    expectIssuanceError(
      await request([await holder.proof(issuer, await nonce())], 'pid-sd-jwt'),
      403,
      'issuance-not-granted',
      'credential_request_denied',
    );
    // Signed by another key than the one in its jwk header.
    const forged = await holder.proof(issuer, await nonce(), { signWith: other });
    expectIssuanceError(await request([forged]), 400, 'issuance-proof-invalid', 'invalid_proof');
    // For another audience.
    const elsewhere = await holder.proof('https://issuer.example', await nonce());
    expect((await request([elsewhere])).json()).toMatchObject({
      code: 'issuance-proof-invalid',
      error: 'invalid_proof',
    });
    // Too old, wrong typ.
    const old = await holder.proof(issuer, await nonce(), { iat: Math.floor(Date.now() / 1000) - 3600 });
    expectIssuanceError(await request([old]), 400, 'issuance-proof-invalid', 'invalid_proof');
    const untyped = await holder.proof(issuer, await nonce(), { typ: 'JWT' });
    expectIssuanceError(await request([untyped]), 400, 'issuance-proof-invalid', 'invalid_proof');
    // A nonce we never gave out, and none at all.
    expectIssuanceError(
      await request([await holder.proof(issuer, 'a-nonce-of-my-own')]),
      400,
      'issuance-nonce-invalid',
      'invalid_nonce',
    );
    expectIssuanceError(
      await request([await holder.proof(issuer, undefined)]),
      400,
      'issuance-nonce-invalid',
      'invalid_nonce',
    );
    // The same device key twice in a batch; more copies than the batch size.
    const shared = await nonce();
    expectIssuanceError(
      await request([await holder.proof(issuer, shared), await holder.proof(issuer, shared)]),
      400,
      'issuance-proof-key-reused',
      'invalid_proof',
    );
    const three = await Promise.all([1, 2, 3].map(() => HolderKey.generate()));
    const many = await Promise.all(three.map(async (key) => key.proof(issuer, shared)));
    expectIssuanceError(await request(many), 400, 'issuance-batch-too-large', 'invalid_credential_request');
  });

  it('uses a nonce up even when the request fails after it, so a replay is refused', async () => {
    const accessToken = await accessTokenFor('ehic');
    const holder = await HolderKey.generate();
    const used = await nonce();
    // The nonce is used up by this request (whatever happens to it next) …
    await credential(accessToken, {
      credential_configuration_id: 'ehic',
      proofs: { jwt: [await holder.proof(issuer, used)] },
    });
    // … and a second proof with it is a replay.
    const replay = await credential(accessToken, {
      credential_configuration_id: 'ehic',
      proofs: { jwt: [await holder.proof(issuer, used)] },
    });
    expectIssuanceError(replay, 400, 'issuance-nonce-invalid', 'invalid_nonce');
  });
});
