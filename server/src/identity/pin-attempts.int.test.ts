import { makeEgn } from '@civitas/contracts/ids/egn.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { EidClient } from '../../test/eid-client.ts';
import { freePort } from '../../test/net.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { buildApp } from '../app.ts';
import { tablesOf } from '../db/connection.ts';
import { populationQueries, registerSamples } from '../registers/index.ts';
import type { IdentityTables } from './tables.ts';

/** Issue 14, item 12: PIN attempts are counted per personal number, in the database. */
describe.each(testDatabases())('PIN attempts at the eID node on $name', (engine) => {
  let platform: TestPlatform;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Behind a proxy (this machine): each client below has its own address, so the per-address
    // limit on PIN attempts (20 a minute) does not mix the tests up.
    platform = await startTestPlatform(engine, {
      env: { CIVITAS_PUBLIC_URL: base, CIVITAS_TRUSTED_PROXIES: '127.0.0.1,::1' },
    });
    await platform.app.listen({ host: '127.0.0.1', port });
  });
  afterAll(() => platform?.close());

  let nextAddress = 1;
  const newClient = () => EidClient.create(base, { forwardedFor: `198.51.100.${nextAddress++}` });
  const pin = () => platform.config.demoPin;
  const wrongPin = () => (pin() === '0000' ? '1111' : '0000');

  /** A seeded, living person who is not a demo account (each test takes its own). */
  let nextPerson = 10;
  async function freshPerson(): Promise<string> {
    const [egn] = await registerSamples(platform.database.db).livingPersons(nextPerson++, 1);
    return egn!;
  }

  /** A well-formed personal number nobody has. */
  let nextUnknown = 1;
  async function unknownNumber(): Promise<string> {
    const population = populationQueries(platform.database.db);
    for (;;) {
      nextUnknown += 2;
      const egn = makeEgn('1931-07-14', 'M', nextUnknown);
      if (!(await population.person(egn))) return egn;
    }
  }

  /** Lets the pause run out, as if its time had passed. */
  async function letPauseRunOut(egn: string) {
    await tablesOf<IdentityTables>(platform.database.db)
      .updateTable('identity.pin_attempts')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('egn', '=', egn)
      .execute();
  }

  async function attempt(client: EidClient, interaction: string, egn: string, givenPin: string) {
    const response = await client.submitLogin(interaction, egn, givenPin);
    return {
      status: response.status,
      body: await response.text(),
      location: response.headers.get('location'),
    };
  }

  it('does not let five wrong PINs and then the right one in: it pauses, then locks the personal number', async () => {
    const person = await freshPerson();
    const client = await newClient();
    const interaction = await client.startSignIn();
    const statuses: number[] = [];
    for (let failure = 1; failure <= 5; failure++) {
      const answer = await attempt(client, interaction, person, wrongPin());
      statuses.push(answer.status);
      if (failure >= 3) expect(answer.body).toContain('Too many wrong attempts');
      // While paused, even the right PIN is not tried.
      if (failure === 3) expect((await attempt(client, interaction, person, pin())).status).toBe(429);
      if (failure < 5) await letPauseRunOut(person);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const right = await attempt(client, interaction, person, pin());
    expect(right.status).toBe(429);
    expect(right.location).toBeNull();
    expect(right.body).toMatch(/Try again in 60 min/);
  });

  it('answers an unknown personal number exactly as a wrong PIN, and counts it the same', async () => {
    const client = await newClient();
    const interaction = await client.startSignIn();
    const known = await freshPerson();
    const unknown = await unknownNumber();
    const normalise = (body: string, egn: string) => body.replaceAll(egn, 'EGN');
    for (let failure = 1; failure <= 3; failure++) {
      const wrongForKnown = await attempt(client, interaction, known, wrongPin());
      const wrongForUnknown = await attempt(client, interaction, unknown, wrongPin());
      expect(wrongForUnknown.status).toBe(wrongForKnown.status);
      expect(normalise(wrongForUnknown.body, unknown)).toBe(normalise(wrongForKnown.body, known));
    }
    // The right (demo) PIN for a number nobody has: the same refusal as a wrong PIN.
    const another = await unknownNumber();
    const fresh = await freshPerson();
    const rightForUnknown = await attempt(client, interaction, another, pin());
    const wrongForFresh = await attempt(client, interaction, fresh, wrongPin());
    expect(rightForUnknown.status).toBe(401);
    expect(normalise(rightForUnknown.body, another)).toBe(normalise(wrongForFresh.body, fresh));
  });

  it('takes about as long for an unknown personal number as for a wrong PIN', async () => {
    const client = await newClient();
    const interaction = await client.startSignIn();
    const timed = async (egn: string) => {
      const started = performance.now();
      await attempt(client, interaction, egn, wrongPin());
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 7; round++) {
      known.push(await timed(await freshPerson()));
      unknown.push(await timed(await unknownNumber()));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(Math.max(25, median(known)));
  });

  it('keeps the personal number in the field after a wrong PIN, and moves the focus to the PIN', async () => {
    const person = await freshPerson();
    const client = await newClient();
    const interaction = await client.startSignIn();
    const answer = await attempt(client, interaction, person, wrongPin());
    expect(answer.status).toBe(401);
    expect(answer.body).toContain('Wrong personal number or PIN');
    expect(answer.body).toMatch(new RegExp(`name="personalNumber"[^>]*value="${person}"`));
    expect(answer.body).toMatch(/name="pin"[^>]*autofocus/);
    expect(answer.body).not.toMatch(/name="personalNumber"[^>]*autofocus/);
    const malformed = await attempt(client, interaction, '12345', pin());
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatch(/name="personalNumber"[^>]*value="12345"/);
  });

  it('forgets the count after a successful sign-in', async () => {
    const person = await freshPerson();
    const client = await newClient();
    const interaction = await client.startSignIn();
    await attempt(client, interaction, person, wrongPin());
    await attempt(client, interaction, person, wrongPin());
    expect((await attempt(client, interaction, person, pin())).status).toBe(303);
    const again = await newClient();
    const next = await again.startSignIn();
    expect((await attempt(again, next, person, wrongPin())).body).not.toContain('Too many wrong attempts');
  });

  it('keeps the count in the database: a restarted server still refuses a locked personal number', async () => {
    const person = await freshPerson();
    const client = await newClient();
    const interaction = await client.startSignIn();
    for (let failure = 1; failure <= 3; failure++) await attempt(client, interaction, person, wrongPin());

    const restarted = await buildApp({
      config: platform.config,
      database: platform.database,
      keys: platform.keys,
      isReady: () => true,
      logger: false,
    });
    try {
      const port = await freePort();
      await restarted.listen({ host: '127.0.0.1', port });
      // The public URL is the first server's: only the port the requests go to differs.
      const other = await newClient();
      const otherInteraction = await other.startSignIn();
      const response = await fetch(`http://127.0.0.1:${port}${otherInteraction}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: other.jar.header(),
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': '198.51.100.250',
        },
        body: new URLSearchParams({ personalNumber: person, pin: pin() }),
      });
      expect(response.status).toBe(429);
      expect(await response.text()).toContain('Too many wrong attempts');
    } finally {
      await restarted.close();
    }
  });
});
