import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { tablesOf } from '../../db/connection.ts';
import type { ExchangeTables } from '../tables.ts';
import { registeredServices } from './registered-services.ts';

describe.each(testDatabases())('the services the central registry lists, on $name', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await engine.open();
    const db = tablesOf<ExchangeTables>(handle.db);
    await db
      .insertInto('exchange.members')
      .values({ member_id: 'XX/GOV/1', member_class: 'GOV', member_code: '1', name: 'Registry office' })
      .execute();
    await db
      .insertInto('exchange.subsystems')
      .values({
        subsystem_id: 'XX/GOV/1/register',
        member_id: 'XX/GOV/1',
        code: 'register',
        name: 'Register',
      })
      .execute();
    await db
      .insertInto('exchange.services')
      .values([
        {
          service_id: 'XX/GOV/1/register/people',
          subsystem_id: 'XX/GOV/1/register',
          name: 'People',
          description: 'Who lives where',
        },
        {
          service_id: 'XX/GOV/1/register/cars',
          subsystem_id: 'XX/GOV/1/register',
          name: 'Cars',
          description: 'Vehicles',
        },
      ])
      .execute();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('lists every registered service by id, with its subsystem, name and description', async () => {
    expect(await registeredServices(handle.db)).toEqual([
      { id: 'XX/GOV/1/register/cars', subsystem: 'XX/GOV/1/register', name: 'Cars', description: 'Vehicles' },
      {
        id: 'XX/GOV/1/register/people',
        subsystem: 'XX/GOV/1/register',
        name: 'People',
        description: 'Who lives where',
      },
    ]);
  });
});
