import type { Kysely } from 'kysely';
import { CompiledLookup, VIN_PLACEHOLDER } from '../../db/compiled-query.ts';
import type { Database } from '../../db/schema.ts';
import type { PolicyRow } from './tables.ts';

export class InsuranceRegister {
  private readonly byVin: CompiledLookup<PolicyRow, [vin: string]>;

  constructor(db: Kysely<Database>) {
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
