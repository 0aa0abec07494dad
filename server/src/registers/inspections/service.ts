import { CompiledLookup, VIN_PLACEHOLDER } from '../../db/compiled-query.ts';
import { type Connection, tablesOf } from '../../db/connection.ts';
import type { InspectionRow, InspectionTables } from './tables.ts';

export class InspectionsRegister {
  private readonly byVin: CompiledLookup<InspectionRow, [vin: string]>;

  constructor(connection: Connection) {
    const db = tablesOf<InspectionTables>(connection);
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
