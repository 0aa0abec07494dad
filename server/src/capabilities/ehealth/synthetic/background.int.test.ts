import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import type { DatabaseHandle } from '../../../db/index.ts';
import { loadInstance } from '../../../registers/index.ts';
import { type BackgroundSeedProgress, startBackgroundSeeding } from './background.ts';
import { seedHealthRecord } from './seed.ts';

const SEED = 'background-int';
const PERSONS = 120;
const AT_START = 10;
const PER_BATCH = 7;

describe.each(testDatabases())('seeding the health record in the background ($name)', (engine) => {
  let handle: DatabaseHandle;
  const instance = loadInstance('bg');
  const options = {
    seed: SEED,
    persons: PERSONS,
    instance,
    records: PERSONS,
    seededFirst: AT_START,
    personsPerBatch: { busy: PER_BATCH, idle: PER_BATCH },
  };

  beforeAll(async () => {
    handle = await engine.open();
    // As a first start does: the first records before the server is ready, the others after.
    await seedHealthRecord(handle.db, {
      seed: SEED,
      persons: PERSONS,
      instance,
      fullRecords: AT_START,
      patientsForOthers: false,
    });
  }, 120_000);
  afterAll(async () => handle?.close());

  const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
    Number((await query.execute(handle.db)).rows[0]!.n);
  const patients = () => count(sql`SELECT count(*)::int AS n FROM ehealth.patients`);
  const resources = () => count(sql`SELECT count(*)::int AS n FROM ehealth.resources`);
  const batchedResources = () =>
    count(sql`SELECT coalesce(sum(resources), 0)::int AS n FROM ehealth.seed_batches`);
  const batchedPersons = () =>
    count(sql`SELECT coalesce(sum(end_position - first_position), 0)::int AS n FROM ehealth.seed_batches`);

  it('stops after the batch being written, leaving whole batches only, and says so', async () => {
    const seen: BackgroundSeedProgress[] = [];
    const seeding = await startBackgroundSeeding(handle.db, {
      ...options,
      onProgress: (progress) => {
        seen.push(progress);
        // Stopped after the second batch (as SIGTERM does while it writes the third).
        if (seen.filter((p) => p.resources > 0).length === 2) void seeding.stop();
      },
    });
    const stopped = await seeding.finished;
    expect(stopped.state).toBe('stopped');
    expect(stopped.seeded).toBe(AT_START + 2 * PER_BATCH);
    expect(stopped.total).toBe(PERSONS);
    expect(await patients()).toBe(AT_START + 2 * PER_BATCH);
    // Every person written is in a committed batch's range, every resource in a batch's count.
    expect(await batchedPersons()).toBe(await patients());
    expect(await batchedResources()).toBe(await resources());
    const after = await resources();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await resources()).toBe(after);
  }, 120_000);

  it('goes on where it stopped and ends with everyone, once each', async () => {
    const before = await resources();
    const seen: BackgroundSeedProgress[] = [];
    const seeding = await startBackgroundSeeding(handle.db, { ...options, onProgress: (p) => seen.push(p) });
    const done = await seeding.finished;
    expect(done).toMatchObject({ state: 'done', seeded: PERSONS, total: PERSONS });
    // It counted the persons seeded before it and did not write them again.
    expect(seen[0]!.seeded).toBe(AT_START + 2 * PER_BATCH);
    expect(done.resources).toBe((await resources()) - before);
    expect(await patients()).toBe(PERSONS);
    expect(await count(sql`SELECT count(DISTINCT personal_number)::int AS n FROM ehealth.patients`)).toBe(
      PERSONS,
    );
    expect(await batchedResources()).toBe(await resources());
    expect(await count(sql`SELECT count(*)::int AS n FROM ehealth.resource_history`)).toBe(await resources());
  }, 240_000);

  it('is idempotent: a run with nothing left writes nothing, and two at once never write a person twice', async () => {
    const before = await resources();
    const again = await (await startBackgroundSeeding(handle.db, options)).finished;
    expect(again).toMatchObject({ state: 'done', seeded: PERSONS, resources: 0 });
    expect(await resources()).toBe(before);

    // From the start-up's state again, two runs at once (two servers on one PostgreSQL).
    await seedHealthRecord(handle.db, {
      seed: SEED,
      persons: PERSONS,
      instance,
      fullRecords: AT_START,
      patientsForOthers: false,
    });
    const [one, two] = await Promise.all([
      startBackgroundSeeding(handle.db, options).then((seeding) => seeding.finished),
      startBackgroundSeeding(handle.db, options).then((seeding) => seeding.finished),
    ]);
    expect([one.state, two.state]).toEqual(['done', 'done']);
    expect(await patients()).toBe(PERSONS);
    expect(await resources()).toBe(before);
  }, 240_000);

  it('writes the same record as seeding everyone at once', async () => {
    const ids = async () =>
      (
        await sql<{
          id: string;
        }>`SELECT resource_type || '/' || id AS id FROM ehealth.resources ORDER BY 1`.execute(handle.db)
      ).rows.map((row) => row.id);
    const background = await ids();
    await seedHealthRecord(handle.db, { seed: SEED, persons: PERSONS, instance });
    expect(await ids()).toEqual(background);
  }, 240_000);

  it('seeds only as many as asked, and nothing more when the count is reached', async () => {
    await seedHealthRecord(handle.db, {
      seed: SEED,
      persons: PERSONS,
      instance,
      fullRecords: AT_START,
      patientsForOthers: false,
    });
    const done = await (await startBackgroundSeeding(handle.db, { ...options, records: 30 })).finished;
    expect(done).toMatchObject({ state: 'done', seeded: 30, total: 30 });
    expect(await patients()).toBe(30);
  }, 120_000);
});
