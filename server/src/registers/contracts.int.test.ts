import { REGISTER_ENDPOINTS } from '@civitas/contracts/registers/index.ts';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { bareRequest as request } from '../../test/service-request.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { tablesOf } from '../db/connection.ts';
import type { CommercialTables } from './commercial/tables.ts';
import type { PopulationTables } from './population/tables.ts';
import { seedRegisters } from './seed.ts';
import { registerServices } from './services.ts';
import type { VehicleTables } from './vehicles/tables.ts';

describe.each(testDatabases())('every register answers under its contract on $name', (engine) => {
  let handle: DatabaseHandle;
  const keys: Record<string, string[]> = {};
  /** Samples for endpoints with more than one path parameter, by path. */
  const samples: Record<string, Array<Record<string, string>>> = {};

  beforeAll(async () => {
    handle = await engine.open();
    await seedRegisters(handle.db, { seed: 'contracts', persons: 300, vehicles: 120 });
    const db = tablesOf<PopulationTables & VehicleTables>(handle.db);
    const persons = await db.selectFrom('population.persons').select('egn').limit(60).execute();
    const vehicles = await db.selectFrom('vehicles.vehicles').select(['vin', 'plate']).limit(60).execute();
    const owners = await db.selectFrom('vehicles.registrations').select('owner_id').limit(60).execute();
    keys.egn = persons.map((row) => row.egn);
    keys.vin = vehicles.map((row) => row.vin);
    keys.plate = vehicles.flatMap((row) => (row.plate ? [row.plate] : []));
    keys.ownerId = owners.map((row) => row.owner_id);
    const representatives = await tablesOf<CommercialTables>(handle.db)
      .selectFrom('commercial.representatives')
      .select(['eik', 'egn'])
      .limit(60)
      .execute();
    keys.eik = representatives.map((row) => row.eik);
    // Each company with one of its representatives, and with a person who is not one.
    samples['/{eik}/representatives/{egn}'] = representatives.flatMap((row, index) => [
      { eik: row.eik, egn: row.egn },
      { eik: row.eik, egn: keys.egn![index % keys.egn!.length]! },
    ]);
    // The criminal record of everyone asked, and the companies of their representatives.
    keys.egn = [...keys.egn, ...representatives.map((row) => row.egn)];
  });
  afterAll(() => handle?.close());

  it('answers every endpoint for the seeded data with a body its contract accepts', async () => {
    const reported: unknown[] = [];
    const services = registerServices(handle.db, (error) => reported.push(error));
    // The write services change the registers: each is tested through the exchange on its own.
    for (const contract of REGISTER_ENDPOINTS.filter((endpoint) => endpoint.method === 'GET')) {
      const service = services.find((candidate) => candidate.subsystem === contract.subsystem)!;
      const endpoint = service.endpoints.find((candidate) => candidate.path === contract.path)!;
      const [param] = Object.keys(contract.params.properties) as [string];
      const answered = { ok: 0, empty: 0 };
      const asked = samples[contract.path] ?? keys[param]!.map((key) => ({ [param]: key }));
      for (const params of asked) {
        const key = Object.values(params).join('/');
        const answer = await endpoint.handle(params, request);
        expect([200, 404], `${contract.path} ${key}`).toContain(answer.status);
        if (answer.status !== 200) continue;
        expect(Value.Check(contract.answer, answer.body), `${contract.path} ${key}`).toBe(true);
        if (Array.isArray(answer.body) && answer.body.length === 0) answered.empty++;
        else answered.ok++;
      }
      // Each endpoint was seen answering real data, not only empty lists and 404s.
      expect(answered.ok, `${contract.subsystem}/${contract.service} ${contract.path}`).toBeGreaterThan(0);
    }
    expect(reported).toEqual([]);
  });
});
