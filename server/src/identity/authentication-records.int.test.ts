import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { EidClient } from '../../test/eid-client.ts';
import { freePort } from '../../test/net.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { eidIssuer, issueScriptingToken } from './tokens.ts';

/**
 * Issue 14, item 4: the eID node asks the population register about a person only when that
 * person signs in, and each sign-in shows once in their "who used my data".
 */
describe.each(testDatabases())('authentication records in "who used my data" on $name', (engine) => {
  let platform: TestPlatform;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    platform = await startTestPlatform(engine, { env: { CIVITAS_PUBLIC_URL: base } });
    await platform.app.listen({ host: '127.0.0.1', port });
  });
  afterAll(() => platform?.close());

  /** How many "authentication" records each demo person sees in "who used my data". */
  async function authenticationRecords(): Promise<number[]> {
    const counts: number[] = [];
    for (const person of platform.seeded.demoPersons) {
      const token = await issueScriptingToken(platform.keys, eidIssuer(base), person, ['citizen']);
      const response = await platform.app.inject({
        method: 'GET',
        url: '/api/me/data-usage?limit=500',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(200);
      const items = response.json().items as Array<{ purpose: string }>;
      counts.push(items.filter((item) => /authentication/i.test(item.purpose)).length);
    }
    return counts;
  }

  it('records nothing for showing the sign-in page with its demo accounts', async () => {
    const before = await authenticationRecords();
    for (let view = 0; view < 3; view++) {
      const client = await EidClient.create(base);
      const interaction = await client.startSignIn();
      const page = await fetch(`${base}${interaction}`, { headers: { cookie: client.jar.header() } });
      expect(page.status).toBe(200);
      // The demo accounts are listed with their names all the same.
      expect(await page.text()).toContain(platform.seeded.demoPersons[6]!);
    }
    expect(await authenticationRecords()).toEqual(before);
  });

  it('records one authentication per sign-in, for the person who signed in only', async () => {
    const before = await authenticationRecords();
    const client = await EidClient.create(base);
    const tokens = await client.signIn(platform.seeded.demoPersons[0]!, platform.config.demoPin);
    // Using the session (the ID token was issued, userinfo read) reads no register again.
    const userinfo = await fetch(`${base}/oidc/me`, {
      headers: await client.authorization(tokens.access_token, 'GET', '/oidc/me'),
    });
    expect(userinfo.status).toBe(200);
    const after = await authenticationRecords();
    expect(after[0]).toBe(before[0]! + 1);
    expect(after.slice(1)).toEqual(before.slice(1));
  });

  it('records nothing for a wrong PIN', async () => {
    const before = await authenticationRecords();
    const client = await EidClient.create(base);
    const interaction = await client.startSignIn();
    const refused = await client.submitLogin(interaction, platform.seeded.demoPersons[2]!, '0000');
    expect(refused.status).toBe(401);
    expect(await authenticationRecords()).toEqual(before);
  });
});
