import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PolicyRow } from './tables.ts';

export class InsuranceRegister {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  findByVin(vin: string): Promise<PolicyRow[]> {
    return this.db
      .selectFrom('insurance.policies')
      .selectAll()
      .where('vin', '=', vin)
      .orderBy('starts_on')
      .execute();
  }
}
