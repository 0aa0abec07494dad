import { type Connection, tablesOf } from '../../db/index.ts';
import type { ExchangeTables } from '../tables.ts';

/** A service as the central registry lists it (any node may provide it). */
export interface RegisteredService {
  /** `BG/GOV/000695235/vehicle-register/vehicles` */
  id: string;
  /** `BG/GOV/000695235/vehicle-register` */
  subsystem: string;
  name: string;
  description: string;
}

/** The services registered with the central registry, by id. */
export async function registeredServices(connection: Connection): Promise<RegisteredService[]> {
  const rows = await tablesOf<ExchangeTables>(connection)
    .selectFrom('exchange.services')
    .select(['service_id', 'subsystem_id', 'name', 'description'])
    .orderBy('service_id')
    .execute();
  return rows.map((row) => ({
    id: row.service_id,
    subsystem: row.subsystem_id,
    name: row.name,
    description: row.description,
  }));
}
