import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FineRow } from './tables.ts';

export class FinesRegister {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  findByPerson(egn: string): Promise<FineRow[]> {
    return this.db
      .selectFrom('fines.fines')
      .selectAll()
      .where('egn', '=', egn)
      .orderBy('issued_on')
      .execute();
  }

  findByVin(vin: string): Promise<FineRow[]> {
    return this.db
      .selectFrom('fines.fines')
      .selectAll()
      .where('vin', '=', vin)
      .orderBy('issued_on')
      .execute();
  }
}
