/** Vehicle register (schema `vehicles`). Enumerated columns hold the codes of `codes.ts`. */
import type {
  BodyType,
  Colour,
  Fuel,
  OwnerKind,
  RegistrationEvent,
  VehicleCategory,
  VehicleStatus,
} from '@civitas/contracts/registers/vehicles.ts';

export type { Fuel, VehicleStatus } from '@civitas/contracts/registers/vehicles.ts';
export type { OwnerKind, RegistrationEvent };

export interface VehicleRow {
  vin: string;
  /** Current plate; null once deregistered or scrapped. */
  plate: string | null;
  make: string;
  model: string;
  category: VehicleCategory;
  body: BodyType;
  fuel: Fuel;
  engine_cc: number;
  power_kw: number;
  mass_kg: number;
  colour: Colour;
  model_year: number;
  first_registration_date: string;
  /** Number of the current registration certificate (talon), part I. */
  registration_certificate_number: string;
  status: VehicleStatus;
  stolen: boolean;
  stolen_since: string | null;
}

export interface RegistrationRow {
  vin: string;
  seq: number;
  event: RegistrationEvent;
  event_date: string;
  plate: string | null;
  owner_kind: OwnerKind;
  /** EGN for a person, EIK (UIC) for a company. */
  owner_id: string;
  /** Company name; null for persons (their names live in the population register). */
  owner_name: string | null;
  certificate_number: string | null;
}

export interface VehicleTables {
  'vehicles.vehicles': VehicleRow;
  'vehicles.registrations': RegistrationRow;
}
