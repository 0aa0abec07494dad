import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../db/connection.ts';
import type { VehicleTaxRow, VehicleTaxTables } from './tables.ts';

export class VehicleTaxRegister {
  private readonly db: Kysely<VehicleTaxTables>;

  constructor(db: Connection) {
    this.db = tablesOf<VehicleTaxTables>(db);
  }

  findByVin(vin: string): Promise<VehicleTaxRow[]> {
    return this.db
      .selectFrom('vehicle_tax.assessments')
      .selectAll()
      .where('vin', '=', vin)
      .orderBy('year')
      .execute();
  }
}
