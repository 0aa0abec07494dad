import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { MUNICIPALITY_CLIENT, POLICE_CLIENT, PORTAL_CLIENT, serviceId } from '../../test/instance.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { ExchangeClient } from '../exchange/client.ts';
import { exchangeLogs } from '../exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../identity/tokens.ts';

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;
const PERSONS = serviceId('population-register', 'persons');

interface UsageItem {
  id: string;
  purpose: string;
  legalBasis: string;
  caseRef: string | null;
  self: boolean;
  initiatorPerson: string | null;
  initiatorPersonLatin: string | null;
  initiatorOrg: { id: string; name: string; systemName: string };
}

interface HiddenCase {
  caseRef: string;
  organisation: string;
  legalBasis: string;
  hiddenUntil: string;
  reason: string;
  createdAt: string;
}

/**
 * Issue 14, items 1–3: access rights are purpose–basis pairs, each role uses only its own pairs,
 * an access is made and shown as the official's administration's (with the official's name,
 * never their personal number), and only that administration can hide its accesses, only on a
 * legal basis that allows hiding.
 */
describe.each(testDatabases())('purposes, legal bases and who may hide what, on $name', (engine) => {
  let platform: TestPlatform;
  let citizen: string;
  let official: string;
  let police: string;
  let officialName: string;
  let car: string;
  const tokens: Record<string, string> = {};
  const until = () => new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString();

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    const demo = platform.seeded.demoPersons;
    [citizen, official] = demo as [string, string];
    police = demo[4]!;
    const issuer = eidIssuer(platform.config.publicUrl);
    const roles = { citizen, official, police, auditor: demo[5]!, admin: demo[6]! } as const;
    for (const [role, egn] of Object.entries(roles)) {
      tokens[role] = await issueScriptingToken(
        platform.keys,
        issuer,
        egn,
        role === 'citizen' ? ['citizen'] : ['citizen', role as 'official'],
      );
    }
    const name = await sql<{ given_name: string; family_name: string }>`
      SELECT given_name, family_name FROM population.persons WHERE egn = ${official}`.execute(
      platform.database.db,
    );
    officialName = `${name.rows[0]!.given_name} ${name.rows[0]!.family_name}`;
    const vehicle = await sql<{ vin: string }>`
      SELECT vin FROM vehicles.vehicles WHERE status = 'registered' ORDER BY vin LIMIT 1`.execute(
      platform.database.db,
    );
    car = vehicle.rows[0]!.vin;
  });
  afterAll(() => platform?.close());

  async function request(
    method: 'GET' | 'POST',
    url: string,
    as?: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await platform.app.inject({
      method,
      url,
      headers: { ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    expect(response.body).not.toMatch(STACK_TRACE);
    return response;
  }

  function expectProblem(response: Awaited<ReturnType<typeof request>>, status: number, code: string) {
    expect(response.statusCode, response.body).toBe(status);
    expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status, code });
    return response.json() as { detail?: string };
  }

  const lookUp = (as: string, purpose: string, legalBasis: string, caseRef?: string) =>
    request('GET', `/api/persons/${citizen}`, as, undefined, {
      'x-purpose': purpose,
      'x-legal-basis': legalBasis,
      ...(caseRef ? { 'x-case': caseRef } : {}),
    });

  async function citizenUsage(): Promise<{ items: UsageItem[]; raw: string }> {
    const response = await request('GET', '/api/me/data-usage?limit=500', 'citizen');
    expect(response.statusCode).toBe(200);
    return { items: (response.json() as { items: UsageItem[] }).items, raw: response.body };
  }

  it('tells officials and police which purpose–basis pairs they may use, per lookup, and nobody else', async () => {
    const forOfficial = await request('GET', '/api/access/purposes', 'official');
    expect(forOfficial.statusCode).toBe(200);
    expect((forOfficial.json() as { items: unknown[] }).items).toEqual([
      {
        service: 'person-card',
        purpose: 'address-verification',
        legalBasis: 'civil-registration-act-art-106',
        hideable: false,
      },
      {
        service: 'vehicle-dossier',
        purpose: 'vehicle-history-report',
        legalBasis: 'local-taxes-and-fees-act-art-54',
        hideable: false,
      },
    ]);
    const forPolice = (await request('GET', '/api/access/purposes', 'police')).json() as {
      items: Array<{ service: string; purpose: string; legalBasis: string; hideable: boolean }>;
    };
    expect(forPolice.items).toContainEqual({
      service: 'person-card',
      purpose: 'criminal-investigation',
      legalBasis: 'ministry-of-interior-act-art-6',
      hideable: true,
    });
    expect(forPolice.items).toContainEqual({
      service: 'vehicle-dossier',
      purpose: 'traffic-control',
      legalBasis: 'road-traffic-act-art-165',
      hideable: false,
    });
    expect(forPolice.items.some((item) => item.purpose === 'address-verification')).toBe(false);
    expectProblem(await request('GET', '/api/access/purposes', 'citizen'), 403, 'role-forbidden');
    expectProblem(await request('GET', '/api/access/purposes', 'admin'), 403, 'role-forbidden');
    expectProblem(await request('GET', '/api/access/purposes'), 401, 'token-missing');
  });

  it('gives a person card only for a granted purpose–basis pair of the caller’s role (item 2)', async () => {
    expect(
      (await lookUp('official', 'address-verification', 'civil-registration-act-art-106')).statusCode,
    ).toBe(200);
    // What an official got on main: a full card for "vehicle history report" under "GDPR Art. 15".
    expectProblem(
      await lookUp('official', 'vehicle history report', 'GDPR Art. 15'),
      403,
      'purpose-not-allowed',
    );
    expectProblem(
      await lookUp('official', 'vehicle-history-report', 'gdpr-art-15'),
      403,
      'purpose-not-allowed',
    );
    // A granted purpose on a basis granted for something else is no pair.
    expectProblem(
      await lookUp('official', 'address-verification', 'gdpr-art-15'),
      403,
      'purpose-not-allowed',
    );
    // Another role's pair.
    const refused = expectProblem(
      await lookUp('official', 'criminal-investigation', 'ministry-of-interior-act-art-6'),
      403,
      'purpose-not-allowed',
    );
    expect(refused.detail).toContain('address-verification @ civil-registration-act-art-106');
    expect(
      (await lookUp('police', 'criminal-investigation', 'ministry-of-interior-act-art-6')).statusCode,
    ).toBe(200);
    expectProblem(
      await lookUp('police', 'address-verification', 'civil-registration-act-art-106'),
      403,
      'purpose-not-allowed',
    );
    expectProblem(
      await lookUp('admin', 'address-verification', 'civil-registration-act-art-106'),
      403,
      'role-forbidden',
    );
  });

  it('gives an official a vehicle dossier only on the pair of their role (item 2)', async () => {
    const dossier = (as: string, headers: Record<string, string>) =>
      request('GET', `/api/vehicles/${car}/dossier`, as, undefined, headers);
    expectProblem(await dossier('official', { 'x-legal-basis': 'gdpr-art-15' }), 403, 'purpose-not-allowed');
    expectProblem(await dossier('official', { 'x-legal-basis': 'GDPR Art. 15' }), 403, 'purpose-not-allowed');
    expectProblem(
      await dossier('official', {
        'x-purpose': 'traffic-control',
        'x-legal-basis': 'road-traffic-act-art-165',
      }),
      403,
      'purpose-not-allowed',
    );
    const granted = await dossier('official', { 'x-legal-basis': 'local-taxes-and-fees-act-art-54' });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ viewer: 'official' });
    const byPolice = await dossier('police', {
      'x-purpose': 'traffic-control',
      'x-legal-basis': 'road-traffic-act-art-165',
    });
    expect(byPolice.statusCode, byPolice.body).toBe(200);
    expect(byPolice.json()).toMatchObject({ viewer: 'police' });
  });

  it('refuses, and logs, a pair the exchange does not grant to the asking administration (item 2)', async () => {
    const client = new ExchangeClient(platform.app.exchange, PORTAL_CLIENT);
    const ask = (as: string, purpose: string, legalBasis: string) =>
      client.get(PERSONS, `/${citizen}`, { client: as, purpose, legalBasis, dataSubject: citizen });
    // Granted to the portal (a person's own data), but not to the municipality.
    const notGranted = await ask(MUNICIPALITY_CLIENT, 'data-subject-access', 'gdpr-art-15');
    expect(notGranted.fault).toBe('Server.ServerProxy.PurposeNotAllowed');
    const wrongBasis = await ask(MUNICIPALITY_CLIENT, 'address-verification', 'gdpr-art-15');
    expect(wrongBasis.fault).toBe('Server.ServerProxy.LegalBasisNotAllowed');
    expect((wrongBasis.body as { message: string }).message).toContain(
      'address-verification @ civil-registration-act-art-106',
    );
    const logged = (await exchangeLogs(platform.database.db).messages.readAfter(0, 100_000))
      .filter((message) => [notGranted.messageId, wrongBasis.messageId].includes(message.message_id))
      .map(({ side, client, purpose, legal_basis, error_type, status }) => ({
        side,
        client,
        purpose,
        legal_basis,
        error_type,
        status,
      }));
    expect(logged).toContainEqual({
      side: 'provider',
      client: MUNICIPALITY_CLIENT,
      purpose: 'address-verification',
      legal_basis: 'gdpr-art-15',
      error_type: 'Server.ServerProxy.LegalBasisNotAllowed',
      status: 403,
    });
    expect(logged.filter((row) => row.error_type !== null)).toHaveLength(4);
    expect(
      (await ask(MUNICIPALITY_CLIENT, 'address-verification', 'civil-registration-act-art-106')).status,
    ).toBe(200);
  });

  it("shows the citizen the official's name and administration, never their personal number (item 3)", async () => {
    expect(
      (await lookUp('official', 'address-verification', 'civil-registration-act-art-106', 'ЖР-31/2026'))
        .statusCode,
    ).toBe(200);
    const { items, raw } = await citizenUsage();
    const byOfficial = items.filter((item) => item.caseRef === 'ЖР-31/2026');
    expect(byOfficial.length).toBeGreaterThan(0);
    expect(byOfficial[0]).toMatchObject({
      self: false,
      initiatorPerson: officialName,
      initiatorOrg: { id: MUNICIPALITY_CLIENT, name: 'Столична община' },
      purpose: 'address-verification',
      legalBasis: 'civil-registration-act-art-106',
    });
    expect(byOfficial[0]!.initiatorPersonLatin).toMatch(/^[A-Za-z]+ [A-Za-z]+$/);
    expect(raw).not.toContain(official);
    const tracker = await request(
      'GET',
      `/api/data-tracker/v3/findUsage?userCode=BG${citizen}&limit=500`,
      'citizen',
    );
    expect(tracker.statusCode).toBe(200);
    expect(tracker.body).not.toContain(official);
    expect(tracker.body).toContain(officialName);
  });

  it("does not let the police hide an official's access (item 1)", async () => {
    const caseRef = 'ЖР-44/2026';
    expect(
      (await lookUp('official', 'address-verification', 'civil-registration-act-art-106', caseRef))
        .statusCode,
    ).toBe(200);
    const target = (await citizenUsage()).items.find((item) => item.caseRef === caseRef)!;
    expect(target).toBeDefined();
    const hiding = { caseRef, hiddenUntil: until(), reason: 'covert investigation' };
    const declared = await request('POST', '/api/audit/hidden-cases', 'police', {
      ...hiding,
      legalBasis: 'ministry-of-interior-act-art-6',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json()).toMatchObject({
      caseRef,
      organisation: POLICE_CLIENT,
      legalBasis: 'ministry-of-interior-act-art-6',
    });
    expectProblem(
      await request('POST', `/api/audit/usage/${target.id}/hide`, 'police', {
        hiddenUntil: until(),
        reason: 'x-files',
      }),
      403,
      'not-initiator',
    );
    expect((await citizenUsage()).items.some((item) => item.id === target.id)).toBe(true);
    // The official cannot hide it either: address verification is no ground to hide an access.
    expectProblem(
      await request('POST', `/api/audit/usage/${target.id}/hide`, 'official', {
        hiddenUntil: until(),
        reason: 'no reason',
      }),
      403,
      'basis-not-hideable',
    );
    expectProblem(
      await request('POST', '/api/audit/hidden-cases', 'official', {
        ...hiding,
        legalBasis: 'civil-registration-act-art-106',
      }),
      403,
      'basis-not-hideable',
    );
    expectProblem(
      await request('POST', '/api/audit/hidden-cases', 'official', {
        ...hiding,
        legalBasis: 'ministry-of-interior-act-art-6',
      }),
      403,
      'purpose-not-allowed',
    );
    expectProblem(
      await request('POST', '/api/audit/hidden-cases', 'citizen', {
        ...hiding,
        legalBasis: 'ministry-of-interior-act-art-6',
      }),
      403,
      'role-forbidden',
    );
  });

  it('keeps an official’s lookup under a case reference the police hid visible to the citizen (item 1)', async () => {
    const caseRef = 'ДП-9/2026';
    const declared = await request('POST', '/api/audit/hidden-cases', 'police', {
      caseRef,
      legalBasis: 'ministry-of-interior-act-art-6',
      hiddenUntil: until(),
      reason: 'pre-trial proceedings',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(
      (await lookUp('police', 'criminal-investigation', 'ministry-of-interior-act-art-6', caseRef))
        .statusCode,
    ).toBe(200);
    expect(
      (await lookUp('police', 'identity-verification', 'ministry-of-interior-act-art-70', caseRef))
        .statusCode,
    ).toBe(200);
    expect(
      (await lookUp('official', 'address-verification', 'civil-registration-act-art-106', caseRef))
        .statusCode,
    ).toBe(200);
    const underCase = (await citizenUsage()).items.filter((item) => item.caseRef === caseRef);
    // The official's lookup and the police's identity check (a basis that allows no hiding) show;
    // the police's investigation does not.
    expect(underCase.some((item) => item.initiatorOrg.id === MUNICIPALITY_CLIENT)).toBe(true);
    expect(underCase.some((item) => item.purpose === 'identity-verification')).toBe(true);
    expect(underCase.some((item) => item.purpose === 'criminal-investigation')).toBe(false);
    const audit = await request(
      'GET',
      '/api/audit/usage?purpose=data-protection-supervision&legalBasis=gdpr-art-58&usagePurpose=criminal-investigation',
      'auditor',
    );
    const investigated = (
      audit.json() as { items: Array<UsageItem & { hiddenUntil: string | null }> }
    ).items.filter((item) => item.caseRef === caseRef);
    expect(investigated.length).toBeGreaterThan(0);
    expect(investigated.every((item) => item.hiddenUntil !== null)).toBe(true);
  });

  it('refuses control characters in what hiding and revoking store or look up, with 400 problem+json', async () => {
    const hiding = { legalBasis: 'ministry-of-interior-act-art-6', hiddenUntil: until(), reason: 'covert' };
    expectProblem(
      await request('POST', '/api/audit/hidden-cases', 'police', { ...hiding, caseRef: 'ДП\u0000/1' }),
      400,
      'control-character',
    );
    expectProblem(
      await request('POST', '/api/audit/hidden-cases', 'police', {
        ...hiding,
        caseRef: 'ДП/1',
        reason: 'a\u0000b',
      }),
      400,
      'control-character',
    );
    const revoke = await platform.app.inject({
      method: 'DELETE',
      url: '/api/exchange/access-rights/a%00b',
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expectProblem(revoke, 400, 'control-character');
  });

  it('lists hidden cases: all for auditors, their own administration’s for police and officials', async () => {
    const all = await request('GET', '/api/audit/hidden-cases', 'auditor');
    expect(all.statusCode).toBe(200);
    const allItems = (all.json() as { items: HiddenCase[] }).items;
    expect(allItems.map((item) => item.caseRef)).toEqual(expect.arrayContaining(['ДП-9/2026', 'ЖР-44/2026']));
    expect(allItems[0]).toEqual({
      caseRef: expect.any(String),
      organisation: POLICE_CLIENT,
      organisationName: 'Министерство на вътрешните работи',
      systemName: 'Столична дирекция на вътрешните работи',
      legalBasis: 'ministry-of-interior-act-art-6',
      hiddenUntil: expect.any(String),
      reason: expect.any(String),
      createdAt: expect.any(String),
    });
    const own = (await request('GET', '/api/audit/hidden-cases', 'police')).json() as { items: HiddenCase[] };
    expect(own.items.length).toBe(allItems.length);
    expect((await request('GET', '/api/audit/hidden-cases', 'official')).json()).toEqual({ items: [] });
    expectProblem(await request('GET', '/api/audit/hidden-cases', 'citizen'), 403, 'role-forbidden');
  });
});
