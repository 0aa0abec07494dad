import { type Static, Type } from '@sinclair/typebox';
import {
  Answer,
  Codes,
  defineService,
  IsoDate,
  Nullable,
  OwnerIdParam,
  PlainText,
  PlateParam,
  VinParam,
} from './contract.ts';

/**
 * The vehicle register's enumerations as stable codes. The register stores and answers codes, never
 * words: each screen and each PDF names a code in its reader's language (the web app's locale files,
 * the PDF labels). Browser-safe: the web app's tests import these lists to check every code has a name.
 */

export const FUELS = ['petrol', 'diesel', 'lpg', 'cng', 'hybrid', 'electric'] as const;
export type Fuel = (typeof FUELS)[number];

/** Body types as the registration certificate classifies them (field J.2). */
export const BODY_TYPES = ['hatchback', 'estate', 'saloon', 'suv', 'mpv', 'van', 'motorcycle'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

/** Colours as the registration certificate records them (field R). */
export const COLOURS = [
  'grey',
  'black',
  'white',
  'silver',
  'blue',
  'red',
  'dark-blue',
  'green',
  'burgundy',
  'brown',
  'beige',
  'yellow',
  'orange',
] as const;
export type Colour = (typeof COLOURS)[number];

/** EU vehicle categories (Directive 2007/46/EC, Regulation 168/2013) that the register holds. */
export const VEHICLE_CATEGORIES = ['M1', 'N1', 'L3'] as const;
export type VehicleCategory = (typeof VEHICLE_CATEGORIES)[number];

export const VEHICLE_STATUSES = ['registered', 'deregistered', 'scrapped'] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];

export const OWNER_KINDS = ['person', 'company'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export const REGISTRATION_EVENTS = [
  /** A new vehicle's first registration: on the vehicle's first-registration date. */
  'first_registration',
  /** A used vehicle's first registration in Bulgaria, after its first registration abroad. */
  'import_registration',
  'change_of_owner',
  'change_of_plate',
  'deregistration',
] as const;
export type RegistrationEvent = (typeof REGISTRATION_EVENTS)[number];

export const Vehicle = Answer({
  vin: Type.String(),
  /** Current plate; null once deregistered or scrapped. */
  plate: Nullable(Type.String()),
  make: Type.String(),
  model: Type.String(),
  category: Codes(VEHICLE_CATEGORIES),
  body: Codes(BODY_TYPES),
  fuel: Codes(FUELS),
  engineCc: Type.Integer(),
  powerKw: Type.Integer(),
  massKg: Type.Integer(),
  colour: Codes(COLOURS),
  modelYear: Type.Integer(),
  firstRegistrationDate: IsoDate,
  /** Number of the current registration certificate (talon), part I. */
  registrationCertificateNumber: Type.String(),
  status: Codes(VEHICLE_STATUSES),
  stolen: Type.Boolean(),
  stolenSince: Nullable(IsoDate),
});
export type Vehicle = Static<typeof Vehicle>;

export const Registration = Answer({
  vin: Type.String(),
  seq: Type.Integer(),
  event: Codes(REGISTRATION_EVENTS),
  eventDate: IsoDate,
  plate: Nullable(Type.String()),
  ownerKind: Codes(OWNER_KINDS),
  /** EGN for a person, EIK (UIC) for a company. */
  ownerId: Type.String(),
  /** Company name; null for persons (their names live in the population register). */
  ownerName: Nullable(Type.String()),
  certificateNumber: Nullable(Type.String()),
});
export type Registration = Static<typeof Registration>;

/** The purpose and legal basis of a transfer of a vehicle's registration (the e-service's, both parties signed). */
export const VEHICLE_OWNERSHIP_TRANSFER = {
  purpose: 'vehicle-registration-transfer',
  legalBasis: 'road-traffic-act-art-145',
} as const;

/** A transfer of a vehicle's registration from its owner to a new one (ports.md §4). */
export const RegistrationTransfer = Type.Object(
  {
    vin: PlainText(17),
    /** The seller: the current owner's personal number (the register checks it is the owner). */
    fromOwnerId: Type.String({ pattern: '^[0-9]{10}$' }),
    /** The buyer: a living person in the population register. */
    toOwnerId: Type.String({ pattern: '^[0-9]{10}$' }),
    /** The day of the sale: not in the future, not before the last registration. */
    date: IsoDate,
  },
  { additionalProperties: false },
);
export type RegistrationTransfer = Static<typeof RegistrationTransfer>;

export const VEHICLES = defineService({
  subsystem: 'vehicle-register',
  service: 'vehicles',
  name: 'Registered vehicles',
  description:
    'A vehicle by VIN or plate (technical data, status, stolen flag), its registration history, and the vehicles an owner holds.',
  endpoints: {
    byVin: {
      path: '/{vin}',
      summary: 'A vehicle by VIN',
      personalData: false,
      params: Type.Object({ vin: VinParam }),
      answer: Vehicle,
    },
    byPlate: {
      path: '/by-plate/{plate}',
      summary: 'A vehicle by registration plate',
      personalData: false,
      params: Type.Object({ plate: PlateParam }),
      answer: Vehicle,
    },
    registrations: {
      path: '/{vin}/registrations',
      summary:
        'Registration history of a vehicle (owners are personal data; without X-Road-Data-Subject the register names the current owner as the subject)',
      personalData: true,
      params: Type.Object({ vin: VinParam }),
      answer: Type.Array(Registration),
    },
    byOwner: {
      path: '/by-owner/{ownerId}',
      summary: 'Vehicles currently registered to an owner (EGN or EIK)',
      personalData: true,
      params: Type.Object({ ownerId: OwnerIdParam }),
      answer: Type.Array(Vehicle),
    },
    /** Write service: the new owner's registration (the answer is that registration). */
    'transfer-registration': {
      method: 'POST',
      path: '/transfer-registration',
      summary: 'Registers a vehicle to its new owner, the seller and the buyer having both signed',
      personalData: true,
      params: Type.Object({}),
      body: RegistrationTransfer,
      purposes: [VEHICLE_OWNERSHIP_TRANSFER],
      answer: Registration,
    },
  },
});
