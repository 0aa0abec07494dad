import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { backfillSeededRegisters } from './backfill.ts';
import { seedRegisters } from './seed.ts';

const snapshot = async (handle: DatabaseHandle) => ({
  insured: (await sql`SELECT * FROM health_insurance.insured_persons ORDER BY egn`.execute(handle.db)).rows,
  restrictions: (
    await sql`SELECT * FROM driving_licences.restrictions ORDER BY licence_number, code, category`.execute(
      handle.db,
    )
  ).rows,
});

describe.each(testDatabases())(
  'filling the registers issue 16 added in a seeded database ($name)',
  (engine) => {
    let handle: DatabaseHandle;

    beforeAll(async () => {
      handle = await engine.open();
      await seedRegisters(handle.db, { seed: 'backfill', persons: 400, vehicles: 10 });
    });
    afterAll(async () => handle?.close());

    it('gives a database seeded before them the data a fresh seed gives, once', async () => {
      const fresh = await snapshot(handle);
      expect(fresh.insured.length).toBeGreaterThan(300);
      expect(fresh.restrictions.length).toBeGreaterThan(0);
      expect(await backfillSeededRegisters(handle.db)).toBe(0);

      // As a database seeded before issue 16 has them: empty.
      await sql`TRUNCATE health_insurance.insured_persons, driving_licences.restrictions`.execute(handle.db);
      expect(await backfillSeededRegisters(handle.db)).toBe(400);
      expect(await snapshot(handle)).toEqual(fresh);
      expect(await backfillSeededRegisters(handle.db)).toBe(0);
    });
  },
);
