import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { tablesOf } from '../db/connection.ts';
import type { FineTables } from './fines/tables.ts';
import { registerMigrations } from './migrations.ts';
import type { VehicleTables } from './vehicles/tables.ts';

describe.each(testDatabases())('a register seeded before codes ($name)', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => handle?.close());

  it('holds codes after the 0500 migration, and codes already stored stay as they are', async () => {
    const { db } = handle;
    const vehicle = {
      plate: null,
      make: 'Dacia',
      model: 'Logan',
      category: 'M1',
      fuel: 'lpg',
      engine_cc: 1390,
      power_kw: 55,
      mass_kg: 1000,
      model_year: 2012,
      first_registration_date: '2012-10-09',
      registration_certificate_number: '001234567',
      status: 'registered',
      stolen: false,
      stolen_since: null,
    } as const;
    await sql`INSERT INTO vehicles.vehicles (vin, body, colour, plate, make, model, category, fuel, engine_cc,
      power_kw, mass_kg, model_year, first_registration_date, registration_certificate_number, status, stolen,
      stolen_since) VALUES
      ('UU1LSDAAH12345678', 'товарен фургон', 'Тъмносин', ${vehicle.plate}, ${vehicle.make}, ${vehicle.model},
       ${vehicle.category}, ${vehicle.fuel}, ${vehicle.engine_cc}, ${vehicle.power_kw}, ${vehicle.mass_kg},
       ${vehicle.model_year}, ${vehicle.first_registration_date}, ${vehicle.registration_certificate_number},
       ${vehicle.status}, ${vehicle.stolen}, ${vehicle.stolen_since}),
      ('UU1LSDAAH12345679', 'saloon', 'grey', ${vehicle.plate}, ${vehicle.make}, ${vehicle.model},
       ${vehicle.category}, ${vehicle.fuel}, ${vehicle.engine_cc}, ${vehicle.power_kw}, ${vehicle.mass_kg},
       ${vehicle.model_year}, ${vehicle.first_registration_date}, ${vehicle.registration_certificate_number},
       ${vehicle.status}, ${vehicle.stolen}, ${vehicle.stolen_since})`.execute(db);
    await sql`INSERT INTO fines.fines (number, egn, vin, plate, issued_on, issuer, offence, amount_cents, paid, paid_on)
      VALUES ('К0000000001', '8503146785', 'UU1LSDAAH12345678', NULL, '2024-05-01', 'СДВР',
        'Управление без сключена застраховка „Гражданска отговорност“', 20452, true, '2024-05-10')`.execute(
      db,
    );

    await registerMigrations.migrations['0500-register-codes']!.up(db);

    const vehicles = await tablesOf<VehicleTables>(db)
      .selectFrom('vehicles.vehicles')
      .select(['vin', 'body', 'colour'])
      .orderBy('vin')
      .execute();
    expect(vehicles).toEqual([
      { vin: 'UU1LSDAAH12345678', body: 'van', colour: 'dark-blue' },
      { vin: 'UU1LSDAAH12345679', body: 'saloon', colour: 'grey' },
    ]);
    const fine = await tablesOf<FineTables>(db)
      .selectFrom('fines.fines')
      .select('offence')
      .executeTakeFirstOrThrow();
    expect(fine.offence).toBe('no-mtpl-insurance');
  });
});
