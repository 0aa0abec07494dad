import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/platform.ts';
import { eidIssuer, issueScriptingToken } from '../../identity/tokens.ts';

interface Session {
  id: string;
  count: number;
  firstTime: string;
  lastTime: string;
  emergency: boolean;
  records: Array<{
    id: string;
    logTime: string;
    purpose: string;
    caseRef: string | null;
    dataCategories: string[];
    entry: string;
  }>;
}
interface SessionsPage {
  total: number;
  records: number;
  items: Session[];
}

const CASE = 'ZR-2026/77';

describe.each(testDatabases())('"who used my data" in sessions on $name', (engine) => {
  let platform: TestPlatform;
  let citizen: string;
  let official: string;
  let other: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    [citizen, official, other] = platform.seeded.demoPersons as [string, string, string];
    const issuer = eidIssuer(platform.config.publicUrl);
    tokens.citizen = await issueScriptingToken(platform.keys, issuer, citizen, ['citizen']);
    tokens.other = await issueScriptingToken(platform.keys, issuer, other, ['citizen']);
    tokens.official = await issueScriptingToken(platform.keys, issuer, official, ['citizen', 'official']);
    // The official looks the citizen up three times in a row for one case.
    for (let i = 0; i < 3; i++) {
      const lookup = await get(`/api/persons/${citizen}`, 'official', {
        'x-purpose': 'address-verification',
        'x-legal-basis': 'civil-registration-act-art-106',
        'x-case': CASE,
      });
      expect(lookup.statusCode, lookup.body).toBe(200);
    }
  });
  afterAll(() => platform?.close());

  function get(url: string, as: string, headers: Record<string, string> = {}) {
    return platform.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${tokens[as]}`, ...headers },
    });
  }

  async function sessions(query = '', as = 'citizen'): Promise<SessionsPage> {
    const response = await get(`/api/me/data-usage/sessions${query}`, as);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as SessionsPage;
  }

  const casesSessions = (page: SessionsPage) =>
    page.items.filter((session) => session.records[0]?.caseRef === CASE);

  it("makes one session of the official's three lookups, with every record of the flat list, each with its log entry", async () => {
    const page = await sessions('?limit=100');
    const flat = (await get('/api/me/data-usage?limit=500', 'citizen')).json() as {
      total: number;
      items: Array<{ id: string }>;
    };
    expect(page.records).toBe(flat.total);
    expect(page.items.reduce((sum, session) => sum + session.count, 0)).toBe(flat.total);
    expect(new Set(page.items.flatMap((session) => session.records.map((record) => record.id)))).toEqual(
      new Set(flat.items.map((item) => item.id)),
    );
    // Each lookup reads some kinds of data, one record each: a session per kind, of three.
    const lookups = casesSessions(page);
    expect(lookups.length).toBeGreaterThan(0);
    for (const session of lookups) {
      expect(session).toMatchObject({ count: 3, emergency: false });
      expect(session.records).toHaveLength(3);
      expect(session.records.every((record) => record.entry.length > 0)).toBe(true);
      // Newest first, and the session spans its first and last record.
      const times = session.records.map((record) => record.logTime);
      expect(times).toEqual(times.toSorted().reverse());
      expect([session.firstTime, session.lastTime]).toEqual([times.at(-1), times[0]]);
      expect(session.id).toBe(session.records.at(-1)!.id);
    }
    expect(new Set(lookups.map((session) => session.records[0]!.dataCategories.join()))).toHaveProperty(
      'size',
      lookups.length,
    );
  });

  it('starts a new session after a pause of more than 30 minutes', async () => {
    const [lookups] = casesSessions(await sessions('?limit=100'));
    const kind = lookups!.records[0]!.dataCategories.join();
    const oldest = lookups!.records.at(-1)!;
    // The records are append-only (a trigger); the test moves one back in time past it.
    await platform.database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await sql`UPDATE audit.usage SET logged_at = logged_at - interval '2 hours' WHERE id = ${oldest.id}`.execute(
        trx,
      );
    });
    const split = casesSessions(await sessions('?limit=100')).filter(
      (session) => session.records[0]!.dataCategories.join() === kind,
    );
    expect(split.map((session) => session.count)).toEqual([2, 1]);
    expect(split[1]!.id).toBe(oldest.id);
  });

  it('pages through the sessions newest first, each once', async () => {
    const all = await sessions('?limit=100');
    expect(all.total).toBe(all.items.length);
    const paged: string[] = [];
    for (let offset = 0; offset < all.total; offset += 2) {
      const page = await sessions(`?limit=2&offset=${offset}`);
      expect(page.total).toBe(all.total);
      paged.push(...page.items.map((session) => session.id));
    }
    expect(paged).toEqual(all.items.map((session) => session.id));
    const last = all.items.map((session) => session.lastTime);
    expect(last).toEqual(last.toSorted().reverse());
  });

  it("shows nobody another person's sessions, and refuses a bad page", async () => {
    const mine = new Set((await sessions('?limit=100')).items.map((session) => session.id));
    const theirs = await sessions('?limit=100', 'other');
    expect(theirs.items.filter((session) => mine.has(session.id))).toEqual([]);
    expect(casesSessions(theirs)).toEqual([]);
    for (const query of ['?limit=0', '?limit=101', '?offset=-1', '?limit=ten', '?colour=red']) {
      const response = await get(`/api/me/data-usage/sessions${query}`, 'citizen');
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ status: 400, code: 'validation-failed' });
    }
    expect(
      (await platform.app.inject({ method: 'GET', url: '/api/me/data-usage/sessions' })).statusCode,
    ).toBe(401);
  });
});
