import { type Connection, tablesOf } from '../db/index.ts';
import type { PopulationTables } from './population/tables.ts';
import type { VehicleTables } from './vehicles/tables.ts';

export interface VinFilter {
  /** Only vehicles on the road (status `registered`). */
  registered?: boolean;
  /** Only vehicles that carry a plate. */
  withPlate?: boolean;
  limit?: number;
}

/**
 * Seeded records a test or a demo script picks from by key, so that code outside the registers
 * never needs their tables: it then reads the record itself through the registers' queries.
 */
export interface RegisterSamples {
  /** VINs in VIN order. */
  vins(filter?: VinFilter): Promise<string[]>;
  /** Personal numbers of living persons in EGN order, from `offset`. */
  livingPersons(offset: number, limit: number): Promise<string[]>;
}

export function registerSamples(connection: Connection): RegisterSamples {
  const vehicles = tablesOf<VehicleTables>(connection);
  const population = tablesOf<PopulationTables>(connection);
  return {
    async vins({ registered = false, withPlate = false, limit = 1 } = {}) {
      let query = vehicles.selectFrom('vehicles.vehicles').select('vin');
      if (registered) query = query.where('status', '=', 'registered');
      if (withPlate) query = query.where('plate', 'is not', null);
      const rows = await query.orderBy('vin').limit(limit).execute();
      return rows.map((row) => row.vin);
    },
    async livingPersons(offset, limit) {
      const rows = await population
        .selectFrom('population.persons')
        .select('egn')
        .where('deceased', '=', false)
        .orderBy('egn')
        .offset(offset)
        .limit(limit)
        .execute();
      return rows.map((row) => row.egn);
    },
  };
}
