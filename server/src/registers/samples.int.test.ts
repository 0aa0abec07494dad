import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { populationQueries } from './population/queries.ts';
import { registerSamples } from './samples.ts';
import { seedRegisters } from './seed.ts';
import { vehicleQueries } from './vehicles/queries.ts';

describe.each(testDatabases())('samples of the seeded registers ($name)', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await engine.open();
    await seedRegisters(handle.db, { seed: 'samples', persons: 120, vehicles: 40 });
  });
  afterAll(async () => handle?.close());

  it('picks VINs in VIN order, only registered or plated ones when asked', async () => {
    const samples = registerSamples(handle.db);
    const all = await samples.vins({ limit: 1_000 });
    expect(all.length).toBe(40);
    expect(all).toEqual(all.toSorted());
    expect(await samples.vins()).toEqual(all.slice(0, 1));

    const vehicles = vehicleQueries(handle.db);
    const registered = await samples.vins({ registered: true, limit: 1_000 });
    const plated = await samples.vins({ withPlate: true, limit: 1_000 });
    expect(registered.length).toBeGreaterThan(0);
    expect(plated.length).toBeGreaterThan(0);
    for (const vin of registered) {
      expect((await vehicles.byVin(vin))?.status).toBe('registered');
    }
    for (const vin of plated) {
      expect((await vehicles.byVin(vin))?.plate).not.toBeNull();
    }
  });

  it('picks living persons in personal-number order, from an offset', async () => {
    const samples = registerSamples(handle.db);
    const first = await samples.livingPersons(0, 5);
    expect(first).toHaveLength(5);
    expect(first).toEqual(first.toSorted());
    expect(await samples.livingPersons(2, 1)).toEqual(first.slice(2, 3));
    const population = populationQueries(handle.db);
    for (const egn of first) expect((await population.person(egn))?.deceased).toBe(false);
  });
});
