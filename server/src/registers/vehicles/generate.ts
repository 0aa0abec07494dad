/**
 * Deterministic synthetic vehicle register with everything hanging off each vehicle: registrations and owner
 * changes, inspections, MTPL policies, fines and vehicle tax. Each vehicle draws from its own random stream,
 * so vehicle i is the same however many are generated (plates aside in the rare case of a collision).
 * Vehicles 0 and 1 belong to the demo citizen: 0 is clean, 1 has a rolled-back odometer.
 */

import { addYears, dayFromIso, dayFromParts, isoFromDay } from '@civitas/contracts/days.ts';
import { parseEgn } from '@civitas/contracts/ids/egn.ts';
import { makeEik } from '@civitas/contracts/ids/eik.ts';
import { makeScrambler } from '@civitas/contracts/ids/scramble.ts';
import { forkRandom, type Random, type Seed, WeightedTable } from '../../kernel/index.ts';
import { generateFines } from '../fines/generate.ts';
import type { FineRow } from '../fines/tables.ts';
import { generateInspections } from '../inspections/generate.ts';
import type { InspectionRow } from '../inspections/tables.ts';
import { REGIONS, type Region } from '../instance/bg/geography.ts';
import { generatePolicies } from '../insurance/generate.ts';
import type { PolicyRow } from '../insurance/tables.ts';
import { SYNTHETIC_TODAY } from '../population/generate.ts';
import { randomPlace, randomPlaceInRegion } from '../population/places.ts';
import type { PersonRow } from '../population/tables.ts';
import { generateVehicleTaxes } from '../vehicle-tax/generate.ts';
import type { VehicleTaxRow } from '../vehicle-tax/tables.ts';
import {
  COLOUR_SHARES,
  COMPANY_FORMS,
  COMPANY_NAMES,
  MAKES,
  type MakeSpec,
  type ModelSpec,
} from './catalogue.ts';
import type { Ownership, VehicleAnomalies, VehicleHistory } from './history.ts';
import { PlateAllocator } from './plates.ts';
import type { RegistrationRow, VehicleRow, VehicleStatus } from './tables.ts';
import { makeVin } from './vin-maker.ts';

export interface VehicleBundle {
  vehicle: VehicleRow;
  registrations: RegistrationRow[];
  inspections: InspectionRow[];
  policies: PolicyRow[];
  fines: FineRow[];
  taxes: VehicleTaxRow[];
  /** What the generator made wrong on purpose (not stored: the registers only show its traces). */
  anomalies: VehicleAnomalies;
}

export interface VehicleOwners {
  /** EGNs of living adults who may own vehicles (see `mayOwnVehicles`). */
  persons: readonly string[];
  /** Current owner of vehicles 0 and 1. */
  demoCitizen: string;
}

export interface VehicleOptions {
  seed: Seed;
  count: number;
  owners: VehicleOwners;
}

/** Share of vehicles with each anomaly; tests check the generated rates against these. */
export const ANOMALY_RATES = {
  deregistered: 0.03,
  stolen: 0.02,
  lapsedInsurance: 0.03,
  odometerRollback: 0.03,
  unpaidFine: 0.03,
  companyOwned: 0.15,
} as const;

const TODAY = dayFromIso(SYNTHETIC_TODAY);
const CERTIFICATES = makeScrambler(1_000_000_000, 2_654_437, 161_803_398);
const MAX_CERTIFICATES = 16;
/** Companies that own vehicles: indexes 0..COMPANY_POOL-1 of `COMPANY_BASES` (the commercial register numbers its own after them). */
export const COMPANY_POOL = 20_000;
export const COMPANY_BASES = makeScrambler(100_000_000, 7_368_787, 20_000_000);

interface CatalogueEntry {
  make: MakeSpec;
  model: ModelSpec;
}

const MODELS = new WeightedTable<CatalogueEntry>(
  MAKES.flatMap((make) => {
    const total = make.models.reduce((sum, model) => sum + model.weight, 0);
    return make.models.map((model) => [{ make, model }, (make.weight * model.weight) / total] as const);
  }),
);
const PASSENGER_MODELS = new WeightedTable<CatalogueEntry>(
  MODELS.values
    .filter((entry) => entry.model.category === 'M1' && entry.model.fuels[0]?.[0] !== 'electric')
    .map((entry) => [entry, entry.make.weight] as const),
);
// The Bulgarian fleet is old: most cars on the register were built 2000–2015.
const MODEL_YEARS = new WeightedTable<number>(
  Array.from({ length: 2026 - 1985 + 1 }, (_, i) => {
    const year = 1985 + i;
    const weight =
      year < 2000
        ? 0.2 + (year - 1985) * 0.08
        : year <= 2015
          ? 2.2
          : Math.max(0.9, 2.2 - (year - 2015) * 0.12);
    return [year, weight] as const;
  }),
);
const OWNER_CHANGES = new WeightedTable<number>([
  [0, 35],
  [1, 30],
  [2, 20],
  [3, 10],
  [4, 5],
]);
const COLOUR_TABLE = new WeightedTable(COLOUR_SHARES);
const COMPANY_FORM_TABLE = new WeightedTable(COMPANY_FORMS);

interface Owner {
  kind: Ownership['ownerKind'];
  id: string;
  name: string | null;
  region: Region;
  municipalityName: string;
}

/** EGN digits 7–9 follow the birth region; owners mostly still live there. */
function regionFromEgn(egn: string): Region | undefined {
  const digits = Number(egn.slice(6, 9));
  return REGIONS.find((region) => digits >= region.egnDigits[0] && digits <= region.egnDigits[1]);
}

function personOwner(random: Random, egn: string): Owner {
  const home = regionFromEgn(egn);
  const place = home && random.chance(0.75) ? randomPlaceInRegion(random, home.code) : randomPlace(random);
  return {
    kind: 'person',
    id: egn,
    name: null,
    region: place.region,
    municipalityName: place.municipality.name,
  };
}

/** One of a fixed pool of companies, each always with the same EIK, name and seat. */
function companyOwner(seed: Seed, companyIndex: number): Owner {
  const random = forkRandom(seed, 'company', companyIndex);
  const place = randomPlace(random);
  const base = random.pick(COMPANY_NAMES);
  const qualifier = random.chance(0.5)
    ? ` ${place.settlement.name}`
    : companyIndex < COMPANY_NAMES.length
      ? ''
      : ` ${random.int(1991, 2024)}`;
  return {
    kind: 'company',
    id: makeEik(COMPANY_BASES.scramble(companyIndex)),
    name: `„${base}${qualifier}“ ${COMPANY_FORM_TABLE.pick(random)}`,
    region: place.region,
    municipalityName: place.municipality.name,
  };
}

/** Whether a person may be handed vehicles: alive, and an adult on the data's reference day. */
export function mayOwnVehicles(person: Pick<PersonRow, 'deceased' | 'birth_date'>): boolean {
  return !person.deceased && addYears(dayFromIso(person.birth_date), 18) <= TODAY;
}

/** Tries before a vehicle acquired long ago goes to a company rather than to a person too young then. */
const ADULT_OWNER_TRIES = 8;

/** A person from the pool who was an adult on `day`, or (now and then, or failing that) a company. */
function pickOwner(random: Random, options: VehicleOptions, day: number): Owner {
  const persons = options.owners.persons;
  if (persons.length > 0 && !random.chance(ANOMALY_RATES.companyOwned)) {
    for (let tries = 0; tries < ADULT_OWNER_TRIES; tries++) {
      const egn = persons[random.int(0, persons.length - 1)]!;
      if (addYears(birthDayOf(egn), 18) <= day) return personOwner(random, egn);
    }
  }
  return companyOwner(options.seed, random.int(0, COMPANY_POOL - 1));
}

function birthDayOf(egn: string): number {
  return dayFromIso(parseEgn(egn).birthDate);
}

function between(random: Random, low: number, high: number, n: number): number[] {
  const days: number[] = [];
  for (let i = 0; i < n; i++) days.push(random.int(low, Math.max(low, high)));
  return days.sort((a, b) => a - b);
}

function pickSpec(random: Random, index: number): { entry: CatalogueEntry; modelYear: number } {
  const entry = index <= 1 ? PASSENGER_MODELS.pick(random) : MODELS.pick(random);
  const [from, to] = entry.model.years;
  const wanted =
    index === 0 ? random.int(2017, 2019) : index === 1 ? random.int(2010, 2013) : MODEL_YEARS.pick(random);
  return { entry, modelYear: Math.min(Math.max(wanted, from), to) };
}

/** When the vehicle was first registered (anywhere) and when it came onto the Bulgarian register. */
interface Arrival {
  firstRegistrationDay: number;
  /** Bought new in Bulgaria: its first registration is here. */
  importedNew: boolean;
  importDay: number;
}

function pickArrival(random: Random, index: number, modelYear: number): Arrival {
  const firstRegistrationDay = Math.min(dayFromParts(modelYear, 1, 1) + random.int(0, 364), TODAY - 60);
  // About a third are bought new in Bulgaria; the rest are used imports 2–12 years old.
  const importedNew = index === 0 || (index !== 1 && random.chance(0.35));
  const importDay = importedNew
    ? firstRegistrationDay
    : Math.min(
        addYears(firstRegistrationDay, random.int(2, index === 1 ? 5 : 12)) + random.int(0, 364),
        TODAY - 30,
      );
  return { firstRegistrationDay, importedNew, importDay };
}

/** How the vehicle's time on the register ends (or not yet), and what is wrong with it on purpose. */
interface Fate {
  status: VehicleStatus;
  /** The last day it is in use: today, the day it left the register, or the day it was stolen. */
  activeUntilDay: number;
  anomalies: VehicleAnomalies;
}

function pickFate(random: Random, index: number, importDay: number): Fate {
  const anomalies: VehicleAnomalies = {
    odometerRollback: index === 1,
    lapsedInsurance: false,
    unpaidFine: false,
    stolenSinceDay: null,
  };
  let status: VehicleStatus = 'registered';
  let activeUntilDay = TODAY;
  // The demo citizen's vehicles are registered and in use; their anomalies are fixed above.
  if (index > 1) {
    if (random.chance(ANOMALY_RATES.deregistered) && importDay < TODAY - 400) {
      status = random.chance(0.35) ? 'scrapped' : 'deregistered';
      activeUntilDay = random.int(importDay + 365, TODAY - 10);
    } else if (random.chance(ANOMALY_RATES.stolen / (1 - ANOMALY_RATES.deregistered))) {
      anomalies.stolenSinceDay = Math.max(importDay + 30, TODAY - random.int(10, 3 * 365));
      activeUntilDay = anomalies.stolenSinceDay;
    }
    const active = status === 'registered' && anomalies.stolenSinceDay === null;
    anomalies.lapsedInsurance =
      active && importDay < TODAY - 400 && random.chance(ANOMALY_RATES.lapsedInsurance / 0.95);
    anomalies.odometerRollback = random.chance(ANOMALY_RATES.odometerRollback);
    anomalies.unpaidFine = random.chance(ANOMALY_RATES.unpaidFine);
  }
  return { status, activeUntilDay, anomalies };
}

/** Everyone who owned the vehicle in order, and the day each after the first took it over. */
interface OwnerLine {
  owners: Owner[];
  changeDays: number[];
}

/**
 * Owners: the first at import, then 0–4 changes while the vehicle is in use (none if it was in
 * use too briefly). The demo citizen's vehicles change hands once and end with the demo citizen.
 */
function pickOwnerLine(
  random: Random,
  options: VehicleOptions,
  index: number,
  arrival: Arrival,
  fate: Fate,
): OwnerLine {
  const isDemo = index <= 1;
  const { importDay } = arrival;
  const { activeUntilDay } = fate;
  const wantedChanges = isDemo ? 1 : OWNER_CHANGES.pick(random);
  const changes = importDay + 180 <= activeUntilDay - 30 ? wantedChanges : 0;
  const changeDays = between(random, importDay + 180, activeUntilDay - 30, changes);
  const owners: Owner[] = [pickOwner(random, options, importDay)];
  for (let i = 0; i < changes; i++) owners.push(pickOwner(random, options, changeDays[i]!));
  if (isDemo) owners[owners.length - 1] = personOwner(random, options.owners.demoCitizen);
  return { owners, changeDays };
}

/**
 * A vehicle's registration events in order. Each one with a plate issues a new registration
 * certificate, numbered from the vehicle's own block of `MAX_CERTIFICATES`.
 */
class RegistrationLog {
  readonly rows: RegistrationRow[] = [];
  readonly #vin: string;
  readonly #index: number;

  constructor(vin: string, index: number) {
    this.#vin = vin;
    this.#index = index;
  }

  record(event: RegistrationRow['event'], day: number, owner: Owner, withPlate: string | null): void {
    this.rows.push({
      vin: this.#vin,
      seq: this.rows.length,
      event,
      event_date: isoFromDay(day),
      plate: withPlate,
      owner_kind: owner.kind,
      owner_id: owner.id,
      owner_name: owner.name,
      certificate_number: withPlate === null ? null : this.#certificate(),
    });
  }

  /** The certificate the vehicle holds now (a deregistration issues none). */
  get lastCertificate(): string {
    return this.rows.findLast((row) => row.certificate_number !== null)!.certificate_number!;
  }

  #certificate(): string {
    const number = this.#index * MAX_CERTIFICATES + Math.min(this.rows.length, MAX_CERTIFICATES - 1);
    return CERTIFICATES.digits(number);
  }
}

/**
 * Registers each owner in turn; a move to another region changes the plate. A new vehicle's
 * history starts at its first registration; a used import's, at its first registration in
 * Bulgaria (its first registration abroad is the vehicle's first-registration date).
 */
function recordOwnerships(
  random: Random,
  plates: PlateAllocator,
  log: RegistrationLog,
  { owners, changeDays }: OwnerLine,
  { importedNew, importDay }: Arrival,
  activeUntilDay: number,
): { ownerships: Ownership[]; plate: string } {
  const ownerships: Ownership[] = [];
  let plate = plates.allocate(random, owners[0]!.region);
  log.record(importedNew ? 'first_registration' : 'import_registration', importDay, owners[0]!, plate);
  for (let i = 0; i < owners.length; i++) {
    const owner = owners[i]!;
    const fromDay = i === 0 ? importDay : changeDays[i - 1]!;
    const toDay = i + 1 < owners.length ? changeDays[i]! : activeUntilDay + 1;
    if (i > 0) {
      if (owner.region !== owners[i - 1]!.region) plate = plates.allocate(random, owner.region);
      log.record('change_of_owner', fromDay, owner, plate);
    }
    ownerships.push({
      fromDay,
      toDay,
      ownerKind: owner.kind,
      ownerId: owner.id,
      region: owner.region,
      municipalityName: owner.municipalityName,
      plate,
    });
  }
  return { ownerships, plate };
}

/** Now and then the current owner asks for new plates; returns the new plate, if any. */
function recordPlateChange(
  random: Random,
  plates: PlateAllocator,
  log: RegistrationLog,
  ownerships: Ownership[],
  current: Owner,
  activeUntilDay: number,
): string | undefined {
  const ownedSince = ownerships[ownerships.length - 1]!.fromDay;
  if (!random.chance(0.04) || ownedSince + 1 >= activeUntilDay) return undefined;
  const day = random.int(ownedSince + 1, activeUntilDay - 1);
  const plate = plates.allocate(random, current.region);
  log.record('change_of_plate', day, current, plate);
  // The same owner from then on, with the new plate: what happened before keeps the old one.
  const before = ownerships[ownerships.length - 1]!;
  ownerships.push({ ...before, fromDay: day, plate });
  before.toDay = day;
  return plate;
}

/** The register's row: what the history fixed, plus body, fuel, mass and colour drawn last. */
function vehicleRow(
  random: Random,
  { make, model }: CatalogueEntry,
  history: VehicleHistory,
  status: VehicleStatus,
  plate: string,
  certificate: string,
): VehicleRow {
  const { stolenSinceDay } = history.anomalies;
  return {
    vin: history.vin,
    plate: status === 'registered' ? plate : null,
    make: make.make,
    model: model.name,
    category: model.category,
    body: random.pick(model.bodies),
    fuel: random.weighted(model.fuels),
    engine_cc: history.engineCc,
    power_kw: history.powerKw,
    mass_kg: random.int(model.massKg[0], model.massKg[1]),
    colour: COLOUR_TABLE.pick(random),
    model_year: history.modelYear,
    first_registration_date: isoFromDay(history.firstRegistrationDay),
    registration_certificate_number: certificate,
    status,
    stolen: stolenSinceDay !== null,
    stolen_since: stolenSinceDay === null ? null : isoFromDay(stolenSinceDay),
  };
}

/** One vehicle and its records. The steps draw from the vehicle's random stream in this order. */
function generateVehicle(options: VehicleOptions, index: number, plates: PlateAllocator): VehicleBundle {
  const { seed } = options;
  const random = forkRandom(seed, 'vehicle', index);
  const isDemo = index <= 1;
  const { entry, modelYear } = pickSpec(random, index);
  const { make, model } = entry;
  const vin = makeVin(random, model.wmi ?? make.wmi, modelYear, index);
  const arrival = pickArrival(random, index, modelYear);
  const fate = pickFate(random, index, arrival.importDay);
  const { status, activeUntilDay, anomalies } = fate;
  const line = pickOwnerLine(random, options, index, arrival, fate);
  const current = line.owners[line.owners.length - 1]!;
  if (anomalies.unpaidFine && current.kind !== 'person') anomalies.unpaidFine = false;

  const log = new RegistrationLog(vin, index);
  const owned = recordOwnerships(random, plates, log, line, arrival, activeUntilDay);
  const { ownerships } = owned;
  let { plate } = owned;
  if (!isDemo && status === 'registered') {
    plate = recordPlateChange(random, plates, log, ownerships, current, activeUntilDay) ?? plate;
  }
  const certificate = log.lastCertificate;
  if (status !== 'registered') log.record('deregistration', activeUntilDay, current, null);

  const history: VehicleHistory = {
    seed,
    index,
    vin,
    category: model.category,
    powerKw: random.int(model.powerKw[0], model.powerKw[1]),
    engineCc: random.int(model.engineCc[0], model.engineCc[1]),
    modelYear,
    firstRegistrationDay: arrival.firstRegistrationDay,
    importDay: arrival.importDay,
    activeUntilDay,
    ownerships,
    anomalies,
    clean: index === 0,
  };
  return {
    vehicle: vehicleRow(random, entry, history, status, plate, certificate),
    registrations: log.rows,
    inspections: model.category === 'L3' && modelYear < 2000 ? [] : generateInspections(history),
    policies: generatePolicies(history),
    fines: generateFines(history),
    taxes: generateVehicleTaxes(history),
    anomalies,
  };
}

export function* generateVehicles(options: VehicleOptions): Generator<VehicleBundle> {
  const plates = new PlateAllocator();
  for (let index = 0; index < options.count; index++) yield generateVehicle(options, index, plates);
}
