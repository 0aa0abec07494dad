import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/platform.ts';
import { eidIssuer, issueScriptingToken } from '../../identity/tokens.ts';

interface Start {
  service: { code: string };
  eligibility: {
    status: string;
    reasons: Array<{ reason: string; text: { bg: string; en: string; pl: string } }>;
  };
  prefill: Array<{ field: string; value: unknown; source: string; editable: boolean }>;
  // biome-ignore lint/suspicious/noExplicitAny: the form data is read freely by the test
  formData: Record<string, any>;
  sources: Array<{ key: string; status: string; name: { en: string } }>;
  requestId: string;
}

describe.each(testDatabases())('the e-services catalogue and a service’s start, on $name', (engine) => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
  });
  afterAll(() => platform?.close());

  async function tokenOf(egn: string): Promise<string> {
    return issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), egn, ['citizen']);
  }

  async function startOf(code: string, egn: string): Promise<Start> {
    const response = await platform.app.inject({
      method: 'GET',
      url: `/api/eservices/services/${code}/start`,
      headers: { authorization: `Bearer ${await tokenOf(egn)}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Start;
  }

  it('answers anyone the catalogue, searched in the reader’s language and filtered by life event', async () => {
    const found = await platform.app.inject({
      method: 'GET',
      url: '/api/eservices/catalogue?q=адрес&lang=bg',
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().services.map((s: { code: string }) => s.code)).toEqual(['change-of-current-address']);
    const moved = await platform.app.inject({
      method: 'GET',
      url: '/api/eservices/catalogue?lifeEvent=i-moved',
      headers: { 'accept-language': 'pl' },
    });
    const services = moved.json().services as Array<{
      code: string;
      fee: unknown;
      administration: { id: string };
    }>;
    expect(services.map((s) => s.code)).toEqual(['resident-parking-permit', 'change-of-current-address']);
    expect(services[0]!.fee).toEqual({ amountCents: 1000, currency: 'EUR' });
    const refused = await platform.app.inject({
      method: 'GET',
      url: '/api/eservices/catalogue?lifeEvent=bored',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });

  it('prefills the address change from the population register, read on the service’s own purpose', async () => {
    const citizen = platform.seeded.demoPersons[0]!;
    const start = await startOf('change-of-current-address', citizen);
    expect(start.eligibility).toEqual({ status: 'eligible', reasons: [] });
    const person = await sql<{ given_name: string }>`
      SELECT given_name FROM population.persons WHERE egn = ${citizen}`.execute(platform.database.db);
    expect(start.formData.applicant.givenName).toBe(person.rows[0]!.given_name);
    const givenName = start.prefill.find((value) => value.field === 'applicant.givenName')!;
    expect(givenName).toMatchObject({ source: 'persons.person', editable: false });
    expect(start.sources.map((source) => [source.key, source.status]).sort()).toEqual([
      ['persons.addresses', 'ok'],
      ['persons.person', 'ok'],
    ]);
    // Each read is in the exchange's message log under the service's own purpose and legal basis.
    const logged = await sql<{ purpose: string; legal_basis: string }>`
      SELECT purpose, legal_basis FROM exchange.message_log WHERE case_ref = ${start.requestId}`.execute(
      platform.database.db,
    );
    expect(logged.rows.length).toBeGreaterThanOrEqual(2);
    for (const row of logged.rows)
      expect([row.purpose, row.legal_basis]).toEqual([
        'change-of-current-address',
        'civil-registration-act-art-92',
      ]);
  });

  it('tells a person living outside Sofia why they may not apply for the parking permit, in every language', async () => {
    const found = await sql<{ egn: string }>`
      SELECT p.egn FROM population.persons p
      WHERE NOT p.deceased AND p.birth_date <= '2000-01-01'
        AND NOT EXISTS (SELECT 1 FROM population.addresses a WHERE a.egn = p.egn AND a.municipality_name = 'Столична')
      ORDER BY p.egn LIMIT 1`.execute(platform.database.db);
    const start = await startOf('resident-parking-permit', found.rows[0]!.egn);
    expect(start.eligibility.status).toBe('not-eligible');
    const reason = start.eligibility.reasons.find((r) => r.reason === 'lives-elsewhere')!;
    expect(reason.text).toEqual({
      bg: 'Нямате постоянен или настоящ адрес в София.',
      en: 'You have no permanent or current address in Sofia.',
      pl: 'Nie masz adresu stałego ani zamieszkania w Sofii.',
    });
  });

  it('answers 404 for a service the catalogue does not have', async () => {
    const response = await platform.app.inject({
      method: 'GET',
      url: '/api/eservices/services/free-money/start',
      headers: { authorization: `Bearer ${await tokenOf(platform.seeded.demoPersons[0]!)}` },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('eservice-not-found');
  });
});
