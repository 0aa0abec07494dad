import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../db/connection.ts';
import type { FineRow, FineTables } from './tables.ts';

export class FinesRegister {
  private readonly db: Kysely<FineTables>;

  constructor(db: Connection) {
    this.db = tablesOf<FineTables>(db);
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
