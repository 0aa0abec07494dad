import type { Kysely } from 'kysely';
import { CompiledLookup, VIN_PLACEHOLDER } from '../../db/compiled-query.ts';
import type { Database } from '../../db/schema.ts';
import type { InspectionRow } from './tables.ts';

export class InspectionsRegister {
  private readonly byVin: CompiledLookup<InspectionRow, [vin: string]>;

  constructor(db: Kysely<Database>) {
    this.byVin = new CompiledLookup(
      db,
      (vin) => db.selectFrom('inspections.inspections').selectAll().where('vin', '=', vin).orderBy('seq'),
      [VIN_PLACEHOLDER],
    );
  }

  findByVin(vin: string): Promise<InspectionRow[]> {
    return this.byVin.rows(vin);
  }
}
