import type { Address, Person } from '@civitas/contracts/registers/population.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The population register's own queries, answering in the contract's field names. */
export class PopulationRegister {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  findPerson(egn: string): Promise<Person | undefined> {
    return this.db
      .selectFrom('population.persons')
      .select([
        'egn',
        'given_name as givenName',
        'father_name as fatherName',
        'family_name as familyName',
        'given_name_latin as givenNameLatin',
        'father_name_latin as fatherNameLatin',
        'family_name_latin as familyNameLatin',
        'sex',
        'birth_date as birthDate',
        'birth_place_ekatte as birthPlaceEkatte',
        'birth_place_name as birthPlaceName',
        'mother_egn as motherEgn',
        'father_egn as fatherEgn',
        'deceased',
        'death_date as deathDate',
        'citizenship',
      ])
      .where('egn', '=', egn)
      .executeTakeFirst();
  }

  findAddresses(egn: string): Promise<Address[]> {
    return this.db
      .selectFrom('population.addresses')
      .select([
        'egn',
        'kind',
        'region_code as regionCode',
        'region_name as regionName',
        'municipality_name as municipalityName',
        'settlement_ekatte as settlementEkatte',
        'settlement_name as settlementName',
        'settlement_name_latin as settlementNameLatin',
        'postcode',
        'street',
        'building',
        'apartment',
        'registered_on as registeredOn',
      ])
      .where('egn', '=', egn)
      .orderBy('kind', 'desc')
      .execute();
  }
}
