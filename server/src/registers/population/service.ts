import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../db/connection.ts';
import type { AddressRow, PersonRow, PopulationTables } from './tables.ts';

/** The population register's own queries. Other contexts call these, never its tables. */
export class PopulationRegister {
  private readonly db: Kysely<PopulationTables>;

  constructor(db: Connection) {
    this.db = tablesOf<PopulationTables>(db);
  }

  findPerson(egn: string): Promise<PersonRow | undefined> {
    return this.db.selectFrom('population.persons').selectAll().where('egn', '=', egn).executeTakeFirst();
  }

  findAddresses(egn: string): Promise<AddressRow[]> {
    return this.db
      .selectFrom('population.addresses')
      .selectAll()
      .where('egn', '=', egn)
      .orderBy('kind', 'desc')
      .execute();
  }
}
