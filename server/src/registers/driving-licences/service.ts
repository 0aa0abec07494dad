import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { LicenceCategoryRow, LicenceRow } from './tables.ts';

export interface DrivingLicence {
  licence: LicenceRow;
  categories: LicenceCategoryRow[];
}

export class DrivingLicencesRegister {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async findByPerson(egn: string): Promise<DrivingLicence | undefined> {
    const licence = await this.db
      .selectFrom('driving_licences.licences')
      .selectAll()
      .where('egn', '=', egn)
      .orderBy('issued_on', 'desc')
      .executeTakeFirst();
    if (!licence) return undefined;
    const categories = await this.db
      .selectFrom('driving_licences.categories')
      .selectAll()
      .where('licence_number', '=', licence.number)
      .orderBy('obtained_on')
      .orderBy('category')
      .execute();
    return { licence, categories };
  }
}
