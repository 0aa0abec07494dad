/** Population register (schema `population`). Dates are ISO `YYYY-MM-DD` strings. */
export type Sex = 'M' | 'F';

export interface PersonRow {
  egn: string;
  given_name: string;
  father_name: string;
  family_name: string;
  given_name_latin: string;
  father_name_latin: string;
  family_name_latin: string;
  sex: Sex;
  birth_date: string;
  /** EKATTE code and name of the settlement of birth. */
  birth_place_ekatte: string;
  birth_place_name: string;
  mother_egn: string | null;
  father_egn: string | null;
  deceased: boolean;
  death_date: string | null;
  citizenship: string;
}

export type AddressKind = 'permanent' | 'current';

export interface AddressRow {
  egn: string;
  kind: AddressKind;
  /** NUTS-3 / ISO 3166-2:BG region code, e.g. `BG-22` (Sofia city). */
  region_code: string;
  region_name: string;
  municipality_name: string;
  settlement_ekatte: string;
  settlement_name: string;
  /** Latin transliteration of `settlement_name`. */
  settlement_name_latin: string;
  postcode: string;
  street: string;
  building: string;
  apartment: string | null;
  registered_on: string;
}

export interface PopulationTables {
  'population.persons': PersonRow;
  'population.addresses': AddressRow;
}
