import { makeEgn } from '@civitas/contracts/ids/egn.ts';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../test/platform.ts';
import { API_AUDIENCE, eidIssuer, issueScriptingToken } from './identity/tokens.ts';
import { populationQueries } from './registers/population/queries.ts';

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

describe.each(testDatabases())('the platform API on $name', (engine) => {
  let platform: TestPlatform;
  let citizen: string;
  let official: string;
  let citizenToken: string;
  let officialToken: string;

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    [citizen, official] = platform.seeded.demoPersons as [string, string];
    const issuer = eidIssuer(platform.config.publicUrl);
    citizenToken = await issueScriptingToken(platform.keys, issuer, citizen, ['citizen']);
    officialToken = await issueScriptingToken(platform.keys, issuer, official, ['citizen', 'official']);
  });
  afterAll(() => platform?.close());

  async function get(url: string, headers: Record<string, string> = {}) {
    const response = await platform.app.inject({ method: 'GET', url, headers });
    expect(response.body).not.toMatch(STACK_TRACE);
    return response;
  }

  function expectProblem(
    response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
    status: number,
    code: string,
  ) {
    expect(response.statusCode).toBe(status);
    expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const body = response.json() as Record<string, unknown>;
    expect(body).toMatchObject({ status, code, type: `urn:civitas:problem:${code}` });
    expect(typeof body.title).toBe('string');
    return body;
  }

  it('answers liveness and readiness, without naming the database product', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { database: { status: 'ok' }, registers: { status: 'ok' } },
    });
    expect(ready.body).not.toMatch(/pglite|postgres/i);
  });

  it('publishes an OpenAPI 3.1 document describing the profile API, with a UI at /docs', async () => {
    const document = (await get('/openapi.json')).json() as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths).toHaveProperty('/api/me');
    expect(document.paths).toHaveProperty('/healthz');
    const ui = await get('/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('exposes Prometheus metrics with per-route request durations', async () => {
    await get('/healthz');
    const metrics = await get('/metrics');
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(
      /civitas_http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} \d+/,
    );
    expect(metrics.body).toContain('civitas_process_cpu_seconds_total');
  });

  it('sends security headers and a request id', async () => {
    const response = await get('/healthz', { 'x-request-id': 'trace-me-123' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-request-id']).toBe('trace-me-123');
    // Refusals carry them too.
    const missing = await get('/api/no-such-route');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    expect(missing.headers['strict-transport-security']).toBeUndefined();
  });

  it("returns the signed-in citizen's profile from the registers", async () => {
    const response = await get('/api/me', { authorization: `Bearer ${citizenToken}` });
    expect(response.statusCode).toBe(200);
    const profile = response.json();
    const person = await populationQueries(platform.database.db).person(citizen);
    expect(profile).toMatchObject({
      personalNumber: citizen,
      roles: ['citizen'],
      name: { given: person!.givenName, family: person!.familyName, givenLatin: person!.givenNameLatin },
      birthDate: person!.birthDate,
      deceased: false,
    });
    expect(profile.addresses.some((address: { kind: string }) => address.kind === 'permanent')).toBe(true);
    expect(
      profile.documents.some((document: { kind: string; status: string }) => document.kind === 'id_card'),
    ).toBe(true);
    expect(profile.drivingLicence.categories.map((row: { category: string }) => row.category)).toContain('B');
    expect(profile.vehicles.length).toBeGreaterThanOrEqual(1);
    for (const vehicle of profile.vehicles) expect(vehicle.vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
  });

  it('refuses /api/me without a token, with a malformed header, a forged, an expired or a foreign-audience token', async () => {
    expectProblem(await get('/api/me'), 401, 'token-missing');
    expectProblem(await get('/api/me', { authorization: 'Basic abc' }), 401, 'token-invalid');
    expectProblem(await get('/api/me', { authorization: 'Bearer not-a-jwt' }), 401, 'token-invalid');

    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ client_id: 'civitas-web', roles: ['admin'] })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: platform.keys.signingJwk.kid })
      .setIssuer(eidIssuer(platform.config.publicUrl))
      .setSubject(citizen)
      .setAudience(API_AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await exportJWK(publicKey)).kty).toBe('EC');
    expectProblem(await get('/api/me', { authorization: `Bearer ${forged}` }), 401, 'token-invalid');

    const expired = await issueScriptingToken(
      platform.keys,
      eidIssuer(platform.config.publicUrl),
      citizen,
      ['citizen'],
      -120,
    );
    expectProblem(await get('/api/me', { authorization: `Bearer ${expired}` }), 401, 'token-expired');

    const tampered = `${citizenToken.slice(0, -4)}${citizenToken.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expectProblem(await get('/api/me', { authorization: `Bearer ${tampered}` }), 401, 'token-invalid');
  });

  describe('person lookup by officials', () => {
    const purpose = {
      'x-purpose': 'address-verification',
      'x-legal-basis': 'civil-registration-act-art-106',
    };

    it('gives an official a minimised person card when purpose and legal basis are stated', async () => {
      const response = await get(`/api/persons/${citizen}`, {
        authorization: `Bearer ${officialToken}`,
        ...purpose,
      });
      expect(response.statusCode).toBe(200);
      const card = response.json();
      expect(card.personalNumber).toBe(citizen);
      expect(card.permanentAddress.kind).toBe('permanent');
      expect(card).not.toHaveProperty('documents');
      expect(card).not.toHaveProperty('vehicles');
    });

    it('refuses a citizen: wrong role', async () => {
      expectProblem(
        await get(`/api/persons/${official}`, { authorization: `Bearer ${citizenToken}`, ...purpose }),
        403,
        'role-forbidden',
      );
    });

    it('requires a purpose and a legal basis', async () => {
      expectProblem(
        await get(`/api/persons/${citizen}`, { authorization: `Bearer ${officialToken}` }),
        400,
        'purpose-required',
      );
    });

    it.each([
      ['too short', '123456789'],
      ['too long', '12345678901'],
      ['not digits', '85O3146789'],
      ['bad check digit', flipCheckDigit(makeEgn('1985-03-14', 'M', 123))],
      ['impossible date (31 February)', withValidCheckDigit('850231123')],
      ['impossible month', withValidCheckDigit('851314123')],
    ])('rejects a malformed personal number: %s', async (_case, egn) => {
      const body = expectProblem(
        await get(`/api/persons/${encodeURIComponent(egn)}`, {
          authorization: `Bearer ${officialToken}`,
          ...purpose,
        }),
        400,
        'invalid-personal-number',
      );
      expect(body.detail).toMatch(/not valid/);
    });

    it('answers an unknown but valid personal number with person-not-found', async () => {
      const population = populationQueries(platform.database.db);
      let unknown = makeEgn('1901-01-01', 'F', 1);
      for (let serial = 1; await population.person(unknown); serial += 2)
        unknown = makeEgn('1901-01-01', 'F', serial);
      expectProblem(
        await get(`/api/persons/${unknown}`, { authorization: `Bearer ${officialToken}`, ...purpose }),
        404,
        'person-not-found',
      );
    });
  });

  describe('bad requests', () => {
    it('rejects an oversized body with payload-too-large', async () => {
      const response = await platform.app.inject({
        method: 'POST',
        url: '/api/demo/tokens',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ personalNumber: 'x'.repeat(platform.config.bodyLimit + 10) }),
      });
      expectProblem(response, 413, 'payload-too-large');
    });

    it('rejects a wrong content type with unsupported-media-type', async () => {
      const response = await platform.app.inject({
        method: 'POST',
        url: '/api/demo/tokens',
        headers: { 'content-type': 'text/plain' },
        payload: 'personalNumber=1',
      });
      expectProblem(response, 415, 'unsupported-media-type');
    });

    it('rejects malformed JSON and schema violations', async () => {
      const malformed = await platform.app.inject({
        method: 'POST',
        url: '/api/demo/tokens',
        headers: { 'content-type': 'application/json' },
        payload: '{"personalNumber": ',
      });
      expectProblem(malformed, 400, 'malformed-body');
      const invalid = await platform.app.inject({
        method: 'POST',
        url: '/api/demo/tokens',
        headers: { 'content-type': 'application/json' },
        payload: { personalNumber: 42, extra: true },
      });
      const body = expectProblem(invalid, 400, 'validation-failed');
      expect(Array.isArray(body.errors)).toBe(true);
    });

    it('answers an unknown API route with route-not-found', async () => {
      expectProblem(await get('/api/no-such-thing'), 404, 'route-not-found');
    });
  });

  it('issues demo tokens only to loopback callers, for valid, known personal numbers', async () => {
    const post = (personalNumber: string, remoteAddress = '127.0.0.1') =>
      platform.app.inject({
        method: 'POST',
        url: '/api/demo/tokens',
        remoteAddress,
        payload: { personalNumber },
      });
    const ok = await post(citizen);
    expect(ok.statusCode).toBe(200);
    const me = await get('/api/me', { authorization: `Bearer ${ok.json().accessToken}` });
    expect(me.json().personalNumber).toBe(citizen);
    expectProblem(await post(citizen, '203.0.113.7'), 403, 'demo-disabled');
    expectProblem(await post('12345'), 400, 'invalid-personal-number');
  });

  it('lists one demo account per role', async () => {
    const accounts = (await get('/api/demo/accounts')).json() as Array<{
      role: string;
      personalNumber: string;
    }>;
    expect(accounts.map((account) => account.role)).toEqual([
      'citizen',
      'official',
      'doctor',
      'pharmacist',
      'police',
      'auditor',
      'admin',
      'doctor',
    ]);
    expect(accounts.map((account) => account.personalNumber)).toEqual(platform.seeded.demoPersons);
  });
});

function flipCheckDigit(egn: string): string {
  return egn.slice(0, 9) + String((Number(egn[9]) + 1) % 10);
}

function withValidCheckDigit(first9: string): string {
  const weights = [2, 4, 8, 5, 10, 9, 7, 3, 6];
  const sum = [...first9].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return first9 + String((sum % 11) % 10);
}
