import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../test/databases.ts';
import { ensureDemoData, startDemoHealthRecordSeeding } from './bootstrap.ts';
import type { DatabaseHandle } from './db/index.ts';
import { loadConfig } from './kernel/index.ts';

const DEMO = {
  CIVITAS_ENV: 'test',
  CIVITAS_DEMO_PERSONS: '60',
  CIVITAS_DEMO_VEHICLES: '10',
  CIVITAS_SEED: 'boot',
};

describe('the demo health records at start-up and in the background', () => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
    Number((await query.execute(handle!.db)).rows[0]!.n);
  const patients = () => count(sql`SELECT count(*)::int AS n FROM ehealth.patients`);

  it('seeds nothing in production, neither at start nor in the background', async () => {
    handle = await testDatabases()[0]!.open();
    const config = loadConfig({
      ...DEMO,
      CIVITAS_ENV: 'production',
      DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
      CIVITAS_PUBLIC_URL: 'https://civitas.example.bg',
    });
    expect(await ensureDemoData(handle, config)).toBeNull();
    expect(await startDemoHealthRecordSeeding(handle, config)).toBeNull();
    expect(await count(sql`SELECT count(*)::int AS n FROM platform.seed_runs`)).toBe(0);
    expect(await patients()).toBe(0);
  });

  it("gives everyone a record by default (under the start-up's 100 persons: all at start, none left)", async () => {
    handle = await testDatabases()[0]!.open();
    const config = loadConfig(DEMO);
    await ensureDemoData(handle, config);
    expect(await patients()).toBe(60);
    // 60 persons are fewer than the start-up's 100: nothing is left for the background.
    const seeding = await startDemoHealthRecordSeeding(handle, config);
    expect(seeding?.progress()).toMatchObject({ state: 'done', seeded: 60, total: 60 });
  }, 120_000);

  it('seeds only as many as CIVITAS_DEMO_HEALTH_RECORDS says, and more in the background when it grows', async () => {
    handle = await testDatabases()[0]!.open();
    await ensureDemoData(handle, loadConfig({ ...DEMO, CIVITAS_DEMO_HEALTH_RECORDS: '12' }));
    expect(await patients()).toBe(12);
    const same = await startDemoHealthRecordSeeding(
      handle,
      loadConfig({ ...DEMO, CIVITAS_DEMO_HEALTH_RECORDS: '12' }),
    );
    expect(same?.progress()).toMatchObject({ state: 'done', seeded: 12, total: 12 });

    const more = await startDemoHealthRecordSeeding(
      handle,
      loadConfig({ ...DEMO, CIVITAS_DEMO_HEALTH_RECORDS: '40' }),
    );
    expect(await more!.finished).toMatchObject({ state: 'done', seeded: 40, total: 40 });
    expect(await patients()).toBe(40);
  }, 120_000);
});
