import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { InspectionRow } from './tables.ts';

export class InspectionsRegister {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  findByVin(vin: string): Promise<InspectionRow[]> {
    return this.db
      .selectFrom('inspections.inspections')
      .selectAll()
      .where('vin', '=', vin)
      .orderBy('seq')
      .execute();
  }
}
