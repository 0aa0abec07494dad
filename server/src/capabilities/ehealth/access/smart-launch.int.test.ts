import crypto from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { CookieJar } from '../../../../test/eid-client.ts';
import { freePort } from '../../../../test/net.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { tablesOf } from '../../../db/index.ts';
import { ExchangeClient } from '../../../exchange/index.ts';
import { TypedSearchIndex } from '../fhir/search/index-writer.ts';
import { ResourceStore } from '../fhir/store.ts';
import type { EhealthTables } from '../tables.ts';
import { storeCareFacts } from './care.ts';
import { createContextResolver } from './context.ts';
import { createHealthPolicy } from './policy.ts';

const APP = 'civitas-smart-demo';
const REDIRECT = 'http://localhost:8765/callback';

/**
 * A third-party SMART app's standalone launch, over HTTP as the app does it: a pushed
 * authorization request with PKCE, the demo eID login, the code for a token; the token carries
 * the scopes the person's roles allow, the patient in context, and reads only what they allow.
 */
describe.each(testDatabases())('a SMART on FHIR standalone launch on $name', (engine) => {
  let platform: TestPlatform;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    platform = await startTestPlatform(engine, {
      persons: 60,
      vehicles: 10,
      healthRecords: false,
      env: { CIVITAS_PUBLIC_URL: base },
    });
    await platform.app.listen({ host: '127.0.0.1', port });
    const citizen = platform.seeded.demoPersons[0]!;
    await new ResourceStore(platform.database.db, new TypedSearchIndex()).importResources([
      {
        resourceType: 'Patient',
        id: 'p-demo',
        identifier: [{ value: citizen }],
        name: [{ text: 'Demo Citizen' }],
      } as Resource,
    ]);
    await tablesOf<EhealthTables>(platform.database.db)
      .insertInto('ehealth.patients')
      .values({ personal_number: citizen, patient_id: 'p-demo' })
      .execute();
  });
  afterAll(() => platform?.close());

  /** The app's launch, from its pushed request to the token response. */
  async function launch(personalNumber: string, scope: string) {
    const jar = new CookieJar();
    const verifier = crypto.randomBytes(32).toString('base64url');
    const pushed = await fetch(`${base}/oidc/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: APP,
        response_type: 'code',
        scope,
        redirect_uri: REDIRECT,
        state: 'state-1',
        code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }),
    });
    expect(pushed.status).toBe(201);
    const { request_uri } = (await pushed.json()) as { request_uri: string };
    const authorize = await fetch(
      `${base}/oidc/auth?${new URLSearchParams({ client_id: APP, request_uri })}`,
      {
        redirect: 'manual',
      },
    );
    jar.store(authorize);
    expect(authorize.status).toBe(303);
    const login = await fetch(`${base}${authorize.headers.get('location')}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ personalNumber, pin: platform.config.demoPin }),
    });
    jar.store(login);
    let next = login.headers.get('location')!;
    for (let hop = 0; hop < 5 && !next.startsWith(REDIRECT); hop++) {
      const response = await fetch(new URL(next, base), {
        redirect: 'manual',
        headers: { cookie: jar.header() },
      });
      jar.store(response);
      const location = response.headers.get('location');
      if (!location)
        throw new Error(
          `no redirect from ${next}: ${response.status} ${(await response.text()).slice(0, 1500)}`,
        );
      next = location;
    }
    const callback = new URL(next);
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get('state')).toBe('state-1');
    const token = await fetch(`${base}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        redirect_uri: REDIRECT,
        client_id: APP,
        code_verifier: verifier,
      }),
    });
    expect(token.status).toBe(200);
    return (await token.json()) as {
      access_token: string;
      token_type: string;
      scope: string;
      patient?: string;
      id_token: string;
    };
  }

  it('grants a citizen patient scopes and the patient in context, never the user scopes asked for', async () => {
    const tokens = await launch(
      platform.seeded.demoPersons[0]!,
      'openid fhirUser launch/patient patient/Condition.rs patient/Observation.rs user/*.cruds',
    );
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.patient).toBe('p-demo');
    const granted = String(decodeJwt(tokens.access_token).scope).split(' ');
    expect(granted).toEqual(expect.arrayContaining(['patient/Condition.rs', 'patient/Observation.rs']));
    expect(granted).not.toContain('user/*.cruds');
    expect(tokens.scope.split(' ')).toEqual(expect.arrayContaining(['launch/patient', 'fhirUser']));
    expect(decodeJwt(tokens.id_token).fhirUser).toBe('Patient/p-demo');

    // The token reaches the API as a plain bearer token, and its scopes bound what it reads.
    const patients = await fetch(`${base}/api/health/patients`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(patients.status).toBe(200);
    expect(await patients.json()).toEqual([expect.objectContaining({ patientId: 'p-demo', self: true })]);
    const resolver = createContextResolver({
      db: platform.database.db,
      instance: platform.app.instance,
      exchange: new ExchangeClient(platform.app.exchange, platform.app.instance.clients.portal),
      includeDemo: true,
    });
    const request = {
      headers: { authorization: `Bearer ${tokens.access_token}` },
      method: 'GET',
      url: '/fhir/R4/Condition',
      id: 'req-1',
      server: platform.app,
    } as never;
    const ctx = await resolver(request);
    const policy = createHealthPolicy(storeCareFacts(platform.database.db));
    expect(policy.checkScopes(ctx, 'Condition', 'search').allowed).toBe(true);
    expect(policy.checkScopes(ctx, 'Observation', 'read').allowed).toBe(true);
    expect(policy.checkScopes(ctx, 'Immunization', 'read').allowed).toBe(false);
    expect(policy.checkScopes(ctx, 'Condition', 'create').allowed).toBe(false);
  });

  it('grants the demo GP user scopes and names their practitioner as fhirUser only when the record has one', async () => {
    const tokens = await launch(platform.seeded.demoPersons[2]!, 'openid fhirUser user/*.cruds system/*.rs');
    const granted = String(decodeJwt(tokens.access_token).scope).split(' ');
    expect(granted).toContain('user/*.cruds');
    expect(granted).not.toContain('system/*.rs');
    expect(tokens.patient).toBeUndefined();
  });
});
