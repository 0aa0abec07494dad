import { isValidEgn } from '@civitas/contracts/ids/egn.ts';
import { checkPlate } from '@civitas/contracts/ids/plate.ts';
import { checkVin } from '@civitas/contracts/ids/vin.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { type Connection, tablesOf } from '../db/connection.ts';
import { registerTables } from './bulk-specs.ts';
import type { FineTables } from './fines/tables.ts';
import type { PopulationTables } from './population/tables.ts';
import { seedRegisters } from './seed.ts';
import type { VehicleTables } from './vehicles/tables.ts';

const SIZE = { persons: 600, vehicles: 250 };

/** A digest of every row of every register table, in a fixed order: equal digests, equal data. */
async function registerDigests(db: Connection): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of registerTables) {
    const [schema, name] = table.split('.') as [string, string];
    const result = await sql<{ digest: string; count: number }>`
      SELECT md5(coalesce(string_agg(row_text, E'\n' ORDER BY row_text), '')) AS digest, count(*)::int AS count
      FROM (SELECT t::text AS row_text FROM ${sql.id(schema, name)} AS t) AS rows`.execute(db);
    const row = result.rows[0]!;
    digests[table] = `${row.count}:${row.digest}`;
  }
  return digests;
}

const digestsByEngine: Record<string, Record<string, string>> = {};
const engines = testDatabases();

describe.each(engines)('seeding the registers on $name', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(() => handle?.close());

  it('fills every register table, with valid identifiers', async () => {
    const result = await seedRegisters(handle.db, { seed: 'determinism', ...SIZE });
    expect(result.persons).toBe(SIZE.persons);
    const digests = await registerDigests(handle.db);
    for (const [table, digest] of Object.entries(digests))
      expect(Number(digest.split(':')[0]), table).toBeGreaterThan(0);
    digestsByEngine[engine.name] = digests;

    const persons = await tablesOf<PopulationTables>(handle.db)
      .selectFrom('population.persons')
      .select(['egn', 'mother_egn', 'father_egn'])
      .execute();
    expect(persons.every((person) => isValidEgn(person.egn))).toBe(true);
    const known = new Set(persons.map((person) => person.egn));
    for (const person of persons) {
      if (person.mother_egn) expect(known.has(person.mother_egn)).toBe(true);
      if (person.father_egn) expect(known.has(person.father_egn)).toBe(true);
    }
    const vehicles = await tablesOf<VehicleTables>(handle.db)
      .selectFrom('vehicles.vehicles')
      .select(['vin', 'plate'])
      .execute();
    expect(vehicles).toHaveLength(SIZE.vehicles);
    for (const vehicle of vehicles) {
      expect(checkVin(vehicle.vin)).toBeNull();
      if (vehicle.plate) expect(checkPlate(vehicle.plate)).toBeNull();
    }
  });

  it('carries the anomalies a vehicle history report must find', async () => {
    const rollbacks = await sql<{ n: number }>`
      SELECT count(DISTINCT a.vin)::int AS n FROM inspections.inspections a
      JOIN inspections.inspections b ON a.vin = b.vin AND b.seq > a.seq AND b.odometer_km < a.odometer_km`.execute(
      handle.db,
    );
    expect(rollbacks.rows[0]!.n).toBeGreaterThan(0);
    const stolen = await tablesOf<VehicleTables>(handle.db)
      .selectFrom('vehicles.vehicles')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('stolen', '=', true)
      .executeTakeFirstOrThrow();
    expect(Number(stolen.n)).toBeGreaterThan(0);
    const unpaid = await tablesOf<FineTables>(handle.db)
      .selectFrom('fines.fines')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('paid', '=', false)
      .executeTakeFirstOrThrow();
    expect(Number(unpaid.n)).toBeGreaterThan(0);
  });

  it('gives the same data for the same seed, and other data for another seed', async () => {
    await seedRegisters(handle.db, { seed: 'determinism', ...SIZE });
    expect(await registerDigests(handle.db)).toEqual(digestsByEngine[engine.name]);
    await seedRegisters(handle.db, { seed: 'another seed', ...SIZE });
    const other = await registerDigests(handle.db);
    expect(other['population.persons']).not.toEqual(digestsByEngine[engine.name]!['population.persons']);
  });
});

// Compares the two engines, so it needs both: PostgreSQL comes from TEST_DATABASE_URL, which CI
// always sets (testDatabases() fails in CI without it); on a machine without it only PGlite runs.
describe.runIf(engines.length > 1)('PGlite and PostgreSQL', () => {
  it('hold identical register data for the same seed', () => {
    expect(digestsByEngine.pglite).toBeDefined();
    expect(digestsByEngine.postgres).toEqual(digestsByEngine.pglite);
  });
});
