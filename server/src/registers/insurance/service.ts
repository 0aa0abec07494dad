import { CompiledLookup, VIN_PLACEHOLDER } from '../../db/compiled-query.ts';
import { type Connection, tablesOf } from '../../db/connection.ts';
import type { InsuranceTables, PolicyRow } from './tables.ts';

export class InsuranceRegister {
  private readonly byVin: CompiledLookup<PolicyRow, [vin: string]>;

  constructor(connection: Connection) {
    const db = tablesOf<InsuranceTables>(connection);
    this.byVin = new CompiledLookup(
      db,
      (vin) => db.selectFrom('insurance.policies').selectAll().where('vin', '=', vin).orderBy('starts_on'),
      [VIN_PLACEHOLDER],
    );
  }

  findByVin(vin: string): Promise<PolicyRow[]> {
    return this.byVin.rows(vin);
  }
}
