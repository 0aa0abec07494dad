import { type Static, Type } from '@sinclair/typebox';
import { Answer, Codes, defineService, IsoDate, Nullable, PersonalNumberParam } from './contract.ts';

/** The population register's answers: a person, and their addresses. Browser-safe. */

export const SEXES = ['M', 'F'] as const;
export const ADDRESS_KINDS = ['permanent', 'current'] as const;

export const Person = Answer(
  {
    egn: Type.String(),
    givenName: Type.String(),
    fatherName: Type.String(),
    familyName: Type.String(),
    givenNameLatin: Type.String(),
    fatherNameLatin: Type.String(),
    familyNameLatin: Type.String(),
    sex: Codes(SEXES),
    birthDate: IsoDate,
    /** EKATTE code and name of the settlement of birth. */
    birthPlaceEkatte: Type.String(),
    birthPlaceName: Type.String(),
    motherEgn: Nullable(Type.String()),
    fatherEgn: Nullable(Type.String()),
    deceased: Type.Boolean(),
    deathDate: Nullable(IsoDate),
    citizenship: Type.String(),
  },
  'A person in the national population register',
);
export type Person = Static<typeof Person>;

export const Address = Answer({
  egn: Type.String(),
  kind: Codes(ADDRESS_KINDS),
  /** NUTS-3 / ISO 3166-2:BG region code, e.g. `BG-22` (Sofia city). */
  regionCode: Type.String(),
  regionName: Type.String(),
  municipalityName: Type.String(),
  settlementEkatte: Type.String(),
  settlementName: Type.String(),
  settlementNameLatin: Type.String(),
  postcode: Type.String(),
  street: Type.String(),
  building: Type.String(),
  apartment: Nullable(Type.String()),
  registeredOn: IsoDate,
});
export type Address = Static<typeof Address>;

/** A person's child, as the register names them (by the child's parent fields). */
export const Child = Answer(
  {
    egn: Type.String(),
    givenName: Type.String(),
    familyName: Type.String(),
    givenNameLatin: Type.String(),
    familyNameLatin: Type.String(),
    birthDate: IsoDate,
    deceased: Type.Boolean(),
  },
  "A person's child in the national population register",
);
export type Child = Static<typeof Child>;

export const PERSONS = defineService({
  subsystem: 'population-register',
  service: 'persons',
  name: 'Persons in the national population register',
  description:
    'A person by personal number (EGN): names in Cyrillic and Latin, birth, parents, status; and their addresses.',
  endpoints: {
    person: {
      path: '/{egn}',
      summary: 'A person by personal number',
      personalData: true,
      params: Type.Object({ egn: PersonalNumberParam }),
      answer: Person,
    },
    addresses: {
      path: '/{egn}/addresses',
      summary: "A person's permanent and current address",
      personalData: true,
      params: Type.Object({ egn: PersonalNumberParam }),
      answer: Type.Array(Address),
    },
    children: {
      path: '/{egn}/children',
      summary: "A person's children (those whose mother or father the person is), the youngest first",
      personalData: true,
      params: Type.Object({ egn: PersonalNumberParam }),
      answer: Type.Array(Child),
    },
  },
});
