import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { PORTAL_CLIENT, serviceId } from '../../../test/instance.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/platform.ts';
import { tablesOf } from '../../db/connection.ts';
import { eidIssuer, issueScriptingToken } from '../../identity/tokens.ts';
import type { ExchangeTables } from '../tables.ts';
import { MessageLog, type MessageRecord } from './message-log.ts';

const PERSONS = serviceId('population-register', 'persons');
const PREFILL_CONTEXT = {
  'x-road-client': PORTAL_CLIENT,
  'x-road-purpose': 'resident-parking-permit',
  'x-road-legal-basis': 'sofia-parking-ordinance-art-35',
};

function record(messageId: string, dataSubject: string | null = null): MessageRecord {
  return {
    node_id: 'test-node',
    side: 'consumer',
    message_id: messageId,
    client: PORTAL_CLIENT,
    service: PERSONS,
    method: 'GET',
    path: '/',
    user_id: null,
    purpose: 'test',
    legal_basis: 'test',
    case_ref: null,
    data_subject: dataSubject,
    request_hash: null,
    response_hash: null,
    request_signature: null,
    response_signature: null,
    status: 200,
    error_type: null,
    request_bytes: 0,
    response_bytes: 0,
    started_at: new Date().toISOString(),
    duration_ms: 1,
    request_body: null,
    response_body: null,
  };
}

/**
 * Issue 14, item 6: one message the database cannot store (a NUL byte in its data subject)
 * made the grouped message-log insert fail, and every other message of that group with it.
 */
describe.each(testDatabases())('one bad message among many, on $name', (engine) => {
  let platform: TestPlatform;
  let citizen: string;
  let citizenToken: string;

  beforeAll(async () => {
    platform = await startTestPlatform(engine, { persons: 120, vehicles: 30 });
    citizen = platform.seeded.demoPersons[0]!;
    citizenToken = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), citizen, [
      'citizen',
    ]);
  });
  afterAll(() => platform?.close());

  const me = () =>
    platform.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${citizenToken}` },
    });

  async function storedIds(prefix: string): Promise<string[]> {
    const rows = await tablesOf<ExchangeTables>(platform.database.db)
      .selectFrom('exchange.message_log')
      .select('message_id')
      .where('message_id', 'like', `${prefix}%`)
      .execute();
    return rows.map((row) => row.message_id).sort();
  }

  it('refuses a prefill whose data subject holds a NUL byte at the edge, while 40 concurrent /api/me all succeed', async () => {
    const good = Array.from({ length: 40 }, () => me());
    const bad = platform.app.inject({
      method: 'POST',
      url: '/exchange/prefill',
      headers: PREFILL_CONTEXT,
      payload: {
        dataSubject: `${citizen}\u0000`,
        requests: [{ key: 'person', service: PERSONS, path: `/${citizen}` }],
      },
    });
    const [refused, ...answers] = await Promise.all([bad, ...good]);
    expect(refused!.statusCode).toBe(400);
    expect(refused!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused!.json()).toMatchObject({ status: 400, code: 'control-character' });
    expect(answers.map((answer) => answer.statusCode)).toEqual(answers.map(() => 200));
  });

  it('fails only the message the database refuses: the others of its group are stored and resolve', async () => {
    const log = new MessageLog(platform.database.db, 'metadata');
    const prefix = `isolate-${engine.name}-`;
    // The first append is written at once; everything appended meanwhile goes into one statement.
    const first = log.append(record(`${prefix}000`));
    const group = Array.from({ length: 30 }, (_, index) =>
      index === 17
        ? log.append(record(`${prefix}bad`, 'a\u0000b'))
        : log.append(record(`${prefix}${String(index + 1).padStart(3, '0')}`)),
    );
    const outcomes = await Promise.allSettled([first, ...group]);
    const rejected = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [index] : []));
    expect(rejected).toEqual([18]);
    const ids = await storedIds(prefix);
    expect(ids).toHaveLength(30);
    expect(ids).not.toContain(`${prefix}bad`);
  });

  it('answers 60 concurrent /api/me while 10 messages the log refuses are sent among them: only those fail, with Client.BadRequest', async () => {
    // A row the database refuses, made real with a CHECK constraint on this test's database.
    await sql`ALTER TABLE exchange.message_log ADD CONSTRAINT test_refuse_poison CHECK (case_ref IS DISTINCT FROM 'poison')`.execute(
      platform.database.db,
    );
    try {
      const poisoned = () =>
        platform.app.inject({
          method: 'GET',
          url: `/r1/${PERSONS}/${citizen}`,
          headers: {
            'x-road-client': PORTAL_CLIENT,
            'x-road-purpose': 'resident-parking-permit',
            'x-road-legal-basis': 'sofia-parking-ordinance-art-35',
            'x-road-data-subject': citizen,
            'x-road-case': 'poison',
          },
        });
      const requests = Array.from({ length: 70 }, (_, index) =>
        index % 7 === 3
          ? poisoned().then((answer) => ({ poisoned: true, answer }))
          : me().then((answer) => ({ poisoned: false, answer })),
      );
      const outcomes = await Promise.all(requests);
      const good = outcomes.filter((outcome) => !outcome.poisoned).map(({ answer }) => answer.statusCode);
      expect(good).toHaveLength(60);
      expect(good).toEqual(good.map(() => 200));
      for (const { answer } of outcomes.filter((outcome) => outcome.poisoned)) {
        expect(answer.statusCode).toBe(400);
        expect(answer.headers['x-road-error']).toBe('Client.BadRequest');
      }
    } finally {
      await sql`ALTER TABLE exchange.message_log DROP CONSTRAINT test_refuse_poison`.execute(
        platform.database.db,
      );
    }
  });
});
