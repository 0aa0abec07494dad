import {
  type Registration,
  type ReportBody,
  SOURCE_KEYS,
  type Source,
  type SourceKey,
  type Viewer,
} from '@civitas/contracts/api/vehicle-report.ts';
import type { EndpointContract } from '@civitas/contracts/registers/contract.ts';
import { FINES, type Fine } from '@civitas/contracts/registers/fines.ts';
import { INSPECTIONS, type Inspection } from '@civitas/contracts/registers/inspections.ts';
import { MTPL_POLICIES, type Policy } from '@civitas/contracts/registers/insurance.ts';
import { type TaxAssessment, VEHICLE_TAX } from '@civitas/contracts/registers/vehicle-tax.ts';
import {
  type Registration as RegistrationRecord,
  VEHICLES,
  type Vehicle,
} from '@civitas/contracts/registers/vehicles.ts';
import {
  askRegisters,
  type CallContext,
  type ExchangeClient,
  failureError,
  type SourceOutcome,
  type SourceRequest,
} from '../../exchange/index.ts';
import { analyseOdometer } from './odometer.ts';
import { DOSSIER_PURPOSE, namesCurrentOwner, sourcesFor } from './policy.ts';

/** The register endpoint each section of the report reads, all keyed by the VIN. */
const SOURCES: Record<SourceKey, EndpointContract<typeof VEHICLES.endpoints.byVin.params>> = {
  vehicle: VEHICLES.endpoints.byVin,
  registrations: VEHICLES.endpoints.registrations,
  inspections: INSPECTIONS.endpoints.byVin,
  insurance: MTPL_POLICIES.endpoints.byVin,
  fines: FINES.endpoints.byVin,
  tax: VEHICLE_TAX.endpoints.byVin,
};

export interface GatherRequest {
  vin: string;
  viewer: Viewer;
  /** The signed-in owner, when the viewer is the owner: the data subject of every lookup. */
  owner?: string | undefined;
  /** The purpose code of the lookups (default: `vehicle-history-report`). */
  purpose?: string | undefined;
  legalBasis: string;
  /** The administration's client subsystem when an official asks (default: the portal's). */
  client?: string | undefined;
  /** The official or police officer asking; never a private buyer. */
  userId?: string | null | undefined;
  caseRef?: string | null | undefined;
  timeoutMs: number;
  today: string;
  /** The vehicle as the register already answered it (checking a second fact, say). */
  vehicle?: KnownAnswer | undefined;
}

export type GatheredReport = Omit<ReportBody, 'reference' | 'issuedAt' | 'issuer'> & {
  /** The vehicle's current owner as the register names them (never put in a public report). */
  currentOwnerId: string | null;
};

/** A register's answer the report already has: it is not asked twice. */
export interface KnownAnswer {
  body: Vehicle;
  fetchedAt: string;
  messageId: string;
}

/** A vehicle by VIN or plate, read with the report's purpose; null when the register has none. */
export async function findVehicle(
  client: Pick<ExchangeClient, 'ask'>,
  key: { vin: string } | { plate: string },
  context: CallContext,
): Promise<KnownAnswer | null> {
  const fetchedAt = new Date().toISOString();
  const answer =
    'vin' in key
      ? await client.ask(VEHICLES.endpoints.byVin, { vin: key.vin }, context)
      : await client.ask(VEHICLES.endpoints.byPlate, { plate: key.plate }, context);
  if (answer.ok) return { body: answer.body, fetchedAt, messageId: answer.messageId };
  if (answer.failure.kind === 'not-found') return null;
  // A register that is down is a 503, not a missing vehicle.
  throw failureError(answer.failure);
}

/**
 * Asks every register the report needs, at once and each with its own deadline, through the
 * exchange, and assembles the report's sections. A register that did not answer leaves its
 * section empty and is listed as missing: the report says it is partial.
 */
export async function gatherReport(
  client: Pick<ExchangeClient, 'get' | 'locate'>,
  request: GatherRequest,
): Promise<GatheredReport> {
  const keys = sourcesFor(request.viewer, SOURCE_KEYS);
  const outcomes = await askSources(client, request, keys);
  const body = (key: SourceKey): unknown => {
    const outcome = outcomes.find((candidate) => candidate.key === key);
    return outcome?.status === 'ok' ? outcome.answer.body : undefined;
  };

  // The client checked each body against its register's contract: these are their shapes.
  const vehicle = body('vehicle') as Vehicle | undefined;
  const registrations = body('registrations') as RegistrationRecord[] | undefined;
  const inspections = body('inspections') as Inspection[] | undefined;
  const policies = body('insurance') as Policy[] | undefined;
  const currentOwner = registrations?.at(-1);
  const inspectionList = inspections?.map(inspectionOf);

  return {
    viewer: request.viewer,
    vin: request.vin,
    partial: outcomes.some((outcome) => outcome.status !== 'ok'),
    technical: vehicle ? technicalOf(vehicle) : null,
    registration:
      vehicle && registrations
        ? registrationOf(vehicle, registrations, namesCurrentOwner(request.viewer))
        : null,
    inspections: inspectionList ?? null,
    odometer: inspectionList ? odometerOf(inspectionList, request.today) : null,
    insurance: policies ? insuranceOf(policies, request.today) : null,
    theft: vehicle ? { stolen: vehicle.stolen, since: vehicle.stolenSince } : null,
    ...(request.viewer === 'owner'
      ? {
          fines: finesOf(body('fines') as Fine[] | undefined),
          tax: taxOf(body('tax') as TaxAssessment[] | undefined),
        }
      : {}),
    sources: keys.map((key) =>
      sourceOf(key, outcomes.find((outcome) => outcome.key === key)!, request.today),
    ),
    currentOwnerId: currentOwner?.ownerKind === 'person' ? currentOwner.ownerId : null,
  };
}

/** Asks the registers of these sections at once, each with its own deadline; a vehicle already known is not asked again. */
async function askSources(
  client: Pick<ExchangeClient, 'get' | 'locate'>,
  request: GatherRequest,
  keys: readonly SourceKey[],
): Promise<SourceOutcome[]> {
  const asked = request.vehicle ? keys.filter((key) => key !== 'vehicle') : keys;
  const sources: SourceRequest[] = asked.map((key) => ({
    key,
    ...client.locate(SOURCES[key], { vin: request.vin }),
  }));
  const context: CallContext = {
    client: request.client,
    purpose: request.purpose ?? DOSSIER_PURPOSE,
    legalBasis: request.legalBasis,
    dataSubject: request.owner ?? null,
    userId: request.userId ?? null,
    caseRef: request.caseRef ?? null,
  };
  const outcomes = await askRegisters(client, sources, context, request.timeoutMs);
  if (request.vehicle)
    outcomes.push(
      knownOutcome(request.vehicle, client.locate(SOURCES.vehicle, { vin: request.vin }).service),
    );
  return outcomes;
}

function inspectionOf(row: Inspection) {
  return {
    date: row.inspectedOn,
    stationCode: row.stationCode,
    stationName: row.stationName,
    result: row.result,
    odometerKm: row.odometerKm,
    nextDue: row.nextDue,
  };
}

function odometerOf(inspections: readonly ReturnType<typeof inspectionOf>[], today: string) {
  return analyseOdometer(
    inspections.map((row) => ({
      date: row.date,
      km: row.odometerKm,
      source: `inspection ${row.stationCode}`,
    })),
    today,
  );
}

function technicalOf(vehicle: Vehicle) {
  return {
    vin: vehicle.vin,
    make: vehicle.make,
    model: vehicle.model,
    category: vehicle.category,
    body: vehicle.body,
    fuel: vehicle.fuel,
    engineCc: vehicle.engineCc,
    powerKw: vehicle.powerKw,
    massKg: vehicle.massKg,
    colour: vehicle.colour,
    modelYear: vehicle.modelYear,
  };
}

/** The registration and its timeline; the current owner only when the viewer may be told of them. */
function registrationOf(
  vehicle: Vehicle,
  registrations: readonly RegistrationRecord[],
  showOwner: boolean,
): Registration {
  const currentOwner = registrations.at(-1);
  return {
    status: vehicle.status,
    plate: vehicle.plate,
    firstRegistrationDate: vehicle.firstRegistrationDate,
    ownersCount: new Set(
      registrations
        .filter((row) => row.event !== 'change_of_plate' && row.event !== 'deregistration')
        .map((row) => `${row.ownerKind}:${row.ownerId}`),
    ).size,
    timeline: registrations.map((row) => ({
      event: row.event,
      date: row.eventDate,
      plate: row.plate,
      ownerKind: row.ownerKind,
    })),
    ...(showOwner && currentOwner ? { currentOwner: ownerOf(currentOwner) } : {}),
  };
}

/** The current owner as a report names them: a company by number and name, a person by kind alone. */
function ownerOf(row: RegistrationRecord): NonNullable<Registration['currentOwner']> {
  if (row.ownerKind === 'company') return { kind: 'company', id: row.ownerId, name: row.ownerName };
  return { kind: 'person', name: null };
}

function knownOutcome(known: KnownAnswer, service: string): SourceOutcome {
  return {
    key: 'vehicle',
    service,
    status: 'ok',
    answer: { status: 200, body: known.body, fault: null, messageId: known.messageId, durationMs: 0 },
    durationMs: 0,
    fetchedAt: known.fetchedAt,
  };
}

function insuranceOf(policies: Policy[], today: string) {
  const valid = policies.filter(
    (policy) => !policy.cancelled && policy.startsOn <= today && policy.endsOn >= today,
  );
  const current = valid.sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
  const latest = [...policies].sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0];
  const shown = current ?? latest;
  return {
    insured: current !== undefined,
    insurer: shown ? shown.insurer : null,
    endsOn: shown ? shown.endsOn : null,
    policies: policies.length,
  };
}

function finesOf(fines: Fine[] | undefined) {
  if (!fines) return null;
  const unpaid = fines.filter((fine) => !fine.paid);
  return {
    unpaid: unpaid.length,
    unpaidAmountCents: unpaid.reduce((sum, fine) => sum + fine.amountCents, 0),
    items: fines.map(({ number, issuedOn, offence, amountCents, paid }) => ({
      number,
      issuedOn,
      offence,
      amountCents,
      paid,
    })),
  };
}

function taxOf(assessments: TaxAssessment[] | undefined) {
  if (!assessments) return null;
  const unpaid = assessments.filter((row) => !row.paid);
  return {
    unpaidYears: unpaid.map((row) => row.year),
    unpaidAmountCents: unpaid.reduce((sum, row) => sum + row.amountCents, 0),
    items: assessments.map((row) => ({
      year: row.year,
      municipality: row.municipalityName,
      amountCents: row.amountCents,
      paid: row.paid,
    })),
  };
}

/**
 * The latest past date in an answer: how current the register's data about the vehicle is.
 * Dates ahead (the next inspection due, a policy's end) are plans, not data, and do not count.
 */
function latestDate(value: unknown, today: string): string | null {
  let latest: string | null = null;
  const visit = (item: unknown) => {
    if (typeof item === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(item) && item <= today) {
      if (latest === null || item > latest) latest = item;
    } else if (Array.isArray(item)) item.forEach(visit);
    else if (item && typeof item === 'object') Object.values(item).forEach(visit);
  };
  visit(value);
  return latest;
}

function sourceOf(key: SourceKey, outcome: SourceOutcome, today: string): Source {
  const subsystem = outcome.service.split('/')[3] ?? outcome.service;
  return {
    key,
    register: subsystem,
    service: outcome.service,
    status: outcome.status === 'ok' ? 'ok' : 'missing',
    fetchedAt: outcome.fetchedAt,
    dataAsOf: outcome.status === 'ok' ? latestDate(outcome.answer.body, today) : null,
    error: outcome.status === 'ok' ? null : outcome.error,
    messageId: outcome.answer?.messageId ?? null,
  };
}
