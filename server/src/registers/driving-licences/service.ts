import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type Connection, tablesOf } from '../../db/connection.ts';
import type { DrivingLicenceTables, LicenceCategoryRow, LicenceRow } from './tables.ts';

export interface DrivingLicence {
  licence: LicenceRow;
  categories: LicenceCategoryRow[];
}

export class DrivingLicencesRegister {
  private readonly db: Kysely<DrivingLicenceTables>;

  constructor(db: Connection) {
    this.db = tablesOf<DrivingLicenceTables>(db);
  }

  /** The person's current licence with its categories, in one round trip. */
  async findByPerson(egn: string): Promise<DrivingLicence | undefined> {
    const row = await this.db
      .selectFrom('driving_licences.licences as l')
      .selectAll('l')
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('driving_licences.categories as c')
            .select(['c.licence_number', 'c.category', 'c.obtained_on'])
            .whereRef('c.licence_number', '=', 'l.number')
            .orderBy('c.obtained_on')
            .orderBy('c.category'),
        ).as('categories'),
      )
      .where('l.egn', '=', egn)
      .orderBy('l.issued_on', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return undefined;
    const { categories, ...licence } = row;
    return { licence, categories };
  }
}
