import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { freePort } from '../../test/net.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { exchangeLogs } from '../exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../identity/tokens.ts';
import { registerSamples } from '../registers/index.ts';

/** Purpose–basis pairs the demo grants: an official's address check, a police traffic check. */
const PERSON_LOOKUP = {
  'x-purpose': 'address-verification',
  'x-legal-basis': 'civil-registration-act-art-106',
};
const VEHICLE_LOOKUP = { 'x-purpose': 'traffic-control', 'x-legal-basis': 'road-traffic-act-art-165' };

/**
 * The case number an official or police officer works under, as a browser sends it: over real
 * HTTP, where a header cannot carry Cyrillic unless it is percent-encoded.
 */
describe.each(testDatabases())('case numbers of lookups on $name', (engine) => {
  let platform: TestPlatform;
  let base: string;
  let citizen: string;
  let vin: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    await platform.app.listen({ host: '127.0.0.1', port });
    const [first, official, , , police] = platform.seeded.demoPersons as string[];
    citizen = first!;
    const issuer = eidIssuer(platform.config.publicUrl);
    tokens.citizen = await issueScriptingToken(platform.keys, issuer, citizen, ['citizen']);
    tokens.official = await issueScriptingToken(platform.keys, issuer, official!, ['citizen', 'official']);
    tokens.police = await issueScriptingToken(platform.keys, issuer, police!, ['citizen', 'police']);
    const [registered] = await registerSamples(platform.database.db).vins({ registered: true });
    vin = registered!;
  });
  afterAll(() => platform?.close());

  async function get(path: string, as: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${base}${path}`, {
      headers: { authorization: `Bearer ${tokens[as]}`, ...headers },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.json(),
    };
  }

  async function caseNumbersInUsage(): Promise<Array<string | null>> {
    const usage = await get('/api/me/data-usage?limit=500', 'citizen');
    expect(usage.status).toBe(200);
    return (usage.body as { items: Array<{ caseRef: string | null }> }).items.map((item) => item.caseRef);
  }

  it('records a Cyrillic case number sent percent-encoded, and shows it to the citizen as written', async () => {
    const lookup = await get(`/api/persons/${citizen}`, 'official', {
      ...PERSON_LOOKUP,
      'x-case': encodeURIComponent('ДП-77/2026 (Столична община)'),
    });
    expect(lookup.status, JSON.stringify(lookup.body)).toBe(200);
    expect(await caseNumbersInUsage()).toContain('ДП-77/2026 (Столична община)');
  });

  it("records a police officer's case number on every lookup a vehicle report makes", async () => {
    const report = await get(`/api/vehicles/${vin}/dossier`, 'police', {
      ...VEHICLE_LOOKUP,
      'x-case': `  ${encodeURIComponent('пр. 12/2026')}  `,
    });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const recorded = (await exchangeLogs(platform.database.db).messages.readAfter(0, 100_000)).filter(
      (message) => message.case_ref === 'пр. 12/2026',
    );
    expect(recorded.length).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['blank', '   '],
    ['a broken escape', '50%'],
    ['an encoded NUL', 'a%00b'],
    ['too long', 'x'.repeat(101)],
  ])('refuses a case number that is %s on both lookups', async (_case, value) => {
    for (const [path, as, headers] of [
      [`/api/persons/${citizen}`, 'official', PERSON_LOOKUP],
      [`/api/vehicles/${vin}/dossier`, 'police', VEHICLE_LOOKUP],
    ] as const) {
      const refused = await get(path, as, { ...headers, 'x-case': value });
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.type).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        code: 'validation-failed',
        detail: expect.stringMatching(/x-case/i),
      });
    }
  });
});
