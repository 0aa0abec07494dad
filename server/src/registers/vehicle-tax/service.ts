import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { VehicleTaxRow } from './tables.ts';

export class VehicleTaxRegister {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
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
