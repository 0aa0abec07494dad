import type { Address, Child, Person } from '@civitas/contracts/registers/population.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import { recordBy, recordsBy } from '../lookup.ts';
import type { PopulationTables } from './tables.ts';

const PERSON = [
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
] as const;

const ADDRESS = [
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
] as const;

const CHILD = [
  'egn',
  'given_name as givenName',
  'family_name as familyName',
  'given_name_latin as givenNameLatin',
  'family_name_latin as familyNameLatin',
  'birth_date as birthDate',
  'deceased',
] as const;

export interface PopulationQueries {
  person(egn: string): Promise<Person | undefined>;
  /** The permanent address first, then the current one. */
  addresses(egn: string): Promise<Address[]>;
  /** The persons whose mother or father this person is, the youngest first. */
  children(egn: string): Promise<Child[]>;
}

/** The population register's own queries, answering in the contract's field names. */
export function populationQueries(connection: Connection): PopulationQueries {
  const db = tablesOf<PopulationTables>(connection);
  return {
    person: recordBy(db, (egn) => db.selectFrom('population.persons').select(PERSON).where('egn', '=', egn)),
    addresses: recordsBy(db, (egn) =>
      db.selectFrom('population.addresses').select(ADDRESS).where('egn', '=', egn).orderBy('kind', 'desc'),
    ),
    // Two parameters (mother or father, each on its index): not a one-key compiled lookup.
    children: (egn) =>
      db
        .selectFrom('population.persons')
        .select(CHILD)
        .where((eb) => eb.or([eb('mother_egn', '=', egn), eb('father_egn', '=', egn)]))
        .orderBy('birth_date', 'desc')
        .orderBy('egn')
        .execute(),
  };
}
