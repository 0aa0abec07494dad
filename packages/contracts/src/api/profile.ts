import { type Static, Type } from '@sinclair/typebox';

const IsoDate = Type.String({ format: 'date', examples: ['1985-03-14'] });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const PersonName = Type.Object({
  given: Type.String(),
  father: Type.String(),
  family: Type.String(),
  givenLatin: Type.String(),
  fatherLatin: Type.String(),
  familyLatin: Type.String(),
});

export const Address = Type.Object({
  kind: Type.Union([Type.Literal('permanent'), Type.Literal('current')]),
  region: Type.String(),
  municipality: Type.String(),
  settlement: Type.String(),
  settlementLatin: Type.String(),
  ekatte: Type.String(),
  postcode: Type.String(),
  street: Type.String(),
  building: Type.String(),
  apartment: Nullable(Type.String()),
});

export type PersonName = Static<typeof PersonName>;
export type Address = Static<typeof Address>;

export const IdentityDocument = Type.Object({
  kind: Type.Union([Type.Literal('id_card'), Type.Literal('passport')]),
  number: Type.String(),
  issuedOn: IsoDate,
  validUntil: IsoDate,
  issuer: Type.String(),
  status: Type.Union([
    Type.Literal('valid'),
    Type.Literal('lost'),
    Type.Literal('stolen'),
    Type.Literal('destroyed'),
  ]),
});

export type IdentityDocument = Static<typeof IdentityDocument>;
export type IdentityDocumentStatus = IdentityDocument['status'];

export const DrivingLicence = Type.Object({
  number: Type.String(),
  issuedOn: IsoDate,
  validUntil: IsoDate,
  issuer: Type.String(),
  status: Type.Union([Type.Literal('valid'), Type.Literal('suspended'), Type.Literal('withdrawn')]),
  pointsRemaining: Type.Integer(),
  categories: Type.Array(Type.Object({ category: Type.String(), obtainedOn: IsoDate })),
});

export type DrivingLicence = Static<typeof DrivingLicence>;
export type DrivingLicenceStatus = DrivingLicence['status'];

export const OwnedVehicle = Type.Object({
  vin: Type.String(),
  plate: Nullable(Type.String()),
  make: Type.String(),
  model: Type.String(),
  fuel: Type.String(),
  colour: Type.String(),
  firstRegistrationDate: IsoDate,
  modelYear: Type.Integer(),
});

export type OwnedVehicle = Static<typeof OwnedVehicle>;

/** A company the person represents, as the commercial register names it (codes: `registers/commercial.ts`). */
export const RepresentedCompany = Type.Object({
  eik: Type.String(),
  name: Type.String(),
  legalForm: Type.String(),
  status: Type.String(),
  role: Type.String(),
  /** False: the person acts for the company only together with its other representatives. */
  alone: Type.Boolean(),
});

export type RepresentedCompany = Static<typeof RepresentedCompany>;

export const Profile = Type.Object(
  {
    personalNumber: Type.String({
      description: "the instance's personal number (EGN, PESEL)",
      pattern: '^[0-9]{10,11}$',
    }),
    roles: Type.Array(Type.String()),
    name: PersonName,
    sex: Type.Union([Type.Literal('M'), Type.Literal('F')]),
    birthDate: IsoDate,
    birthPlace: Type.Object({ ekatte: Type.String(), name: Type.String() }),
    citizenship: Type.String(),
    deceased: Type.Boolean(),
    addresses: Type.Array(Address),
    documents: Type.Array(IdentityDocument),
    drivingLicence: Type.Union([DrivingLicence, Type.Null()]),
    vehicles: Type.Array(OwnedVehicle),
    /** The companies the person represents (issue 18); absent where the instance has no commercial register. */
    companies: Type.Optional(Type.Array(RepresentedCompany)),
  },
  { $id: 'Profile', description: "The signed-in person's record in the state registers" },
);
export type Profile = Static<typeof Profile>;

/**
 * What an official sees of a person: identification and address, and the identity documents
 * only when the purpose is to verify who someone is (an ID card shown at a check).
 */
export const PersonCard = Type.Object(
  {
    personalNumber: Type.String(),
    name: PersonName,
    sex: Type.Union([Type.Literal('M'), Type.Literal('F')]),
    birthDate: IsoDate,
    deceased: Type.Boolean(),
    permanentAddress: Type.Union([Address, Type.Null()]),
    documents: Type.Optional(
      Type.Array(IdentityDocument, { description: 'only when the purpose is identity verification' }),
    ),
  },
  { $id: 'PersonCard' },
);
export type PersonCard = Static<typeof PersonCard>;
