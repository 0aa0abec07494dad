import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/platform.ts';
import { exchangeLogs } from '../../exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../../identity/tokens.ts';

/** Purpose–basis pairs the demo grants: checking an ID shown, and verifying an address. */
const IDENTITY_CHECK = {
  'x-purpose': 'identity-verification',
  'x-legal-basis': 'ministry-of-interior-act-art-70',
};
const ADDRESS_CHECK = {
  'x-purpose': 'address-verification',
  'x-legal-basis': 'civil-registration-act-art-106',
};

describe.each(testDatabases())("the official's person card on $name", (engine) => {
  let platform: TestPlatform;
  let citizen: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    const [first, official, , , police] = platform.seeded.demoPersons as string[];
    citizen = first!;
    const issuer = eidIssuer(platform.config.publicUrl);
    tokens.citizen = await issueScriptingToken(platform.keys, issuer, citizen, ['citizen']);
    tokens.official = await issueScriptingToken(platform.keys, issuer, official!, ['citizen', 'official']);
    tokens.police = await issueScriptingToken(platform.keys, issuer, police!, ['citizen', 'police']);
  });
  afterAll(() => platform?.close());

  async function get(url: string, as: string, headers: Record<string, string> = {}) {
    return platform.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${tokens[as]}`, ...headers },
    });
  }

  async function documentLookups(caseRef: string): Promise<number> {
    const rows = (await exchangeLogs(platform.database.db).messages.readAfter(0, 100_000)).filter(
      (message) => message.case_ref === caseRef && message.side === 'consumer',
    );
    expect(rows.length).toBeGreaterThan(0);
    return rows.filter((row) => row.service?.includes('/identity-documents/')).length;
  }

  it("gives the police a person's identity documents when the purpose is to verify their identity", async () => {
    const own = (await get('/api/me', 'citizen')).json() as { documents: unknown[] };
    expect(own.documents.length).toBeGreaterThan(0);
    const card = await get(`/api/persons/${citizen}`, 'police', {
      ...IDENTITY_CHECK,
      'x-case': 'ID-CHECK-1',
    });
    expect(card.statusCode, card.body).toBe(200);
    expect(card.json().documents).toEqual(own.documents);
    expect(await documentLookups('ID-CHECK-1')).toBe(1);
  });

  it('leaves the documents out, and does not ask their register, for any other purpose', async () => {
    const card = await get(`/api/persons/${citizen}`, 'official', { ...ADDRESS_CHECK, 'x-case': 'ADDR-1' });
    expect(card.statusCode, card.body).toBe(200);
    expect(card.json()).not.toHaveProperty('documents');
    expect(card.json().permanentAddress).toMatchObject({ kind: 'permanent' });
    expect(await documentLookups('ADDR-1')).toBe(0);
  });
});
