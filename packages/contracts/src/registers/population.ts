import { type Static, Type } from '@sinclair/typebox';
import {
  Answer,
  Codes,
  defineService,
  IsoDate,
  Nullable,
  PersonalNumberParam,
  PlainText,
} from './contract.ts';

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

/** The purpose and legal basis of a change of current address (the e-service's, on the person's application). */
export const CURRENT_ADDRESS_CHANGE = {
  purpose: 'change-of-current-address',
  legalBasis: 'civil-registration-act-art-92',
} as const;

/** A change of a person's current address, as the municipality decided it (ports.md §4). */
export const CurrentAddressChange = Type.Object(
  {
    egn: Type.String({ pattern: '^[0-9]{10}$' }),
    address: Type.Object(
      {
        /** The municipality as the register names it, e.g. `Столична`. */
        municipalityName: PlainText(80),
        /** The settlement's name, e.g. `София`. */
        settlement: PlainText(80),
        street: PlainText(120),
        /** The building's number (and entrance, floor, apartment as written), e.g. `12, вх. А, ап. 5`. */
        number: PlainText(40),
        postcode: Type.String({ pattern: '^[0-9]{4}$' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CurrentAddressChange = Static<typeof CurrentAddressChange>;

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
    /** Write service: records a person's new current address (the answer is the address as registered). */
    'change-current-address': {
      method: 'POST',
      path: '/change-current-address',
      summary: "Records a person's new current address (a municipality's decision on their application)",
      personalData: true,
      params: Type.Object({}),
      body: CurrentAddressChange,
      purposes: [CURRENT_ADDRESS_CHANGE],
      answer: Address,
    },
  },
});
