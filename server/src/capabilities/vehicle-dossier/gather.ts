import {
  type Registration,
  type RegistrationEventKind,
  type ReportBody,
  SOURCE_KEYS,
  type Source,
  type SourceKey,
  type Viewer,
} from '@civitas/contracts/api/vehicle-report.ts';
import type { CallContext, ExchangeClient } from '../../exchange/client.ts';
import { askRegisters, type SourceOutcome, type SourceRequest } from '../../exchange/orchestrate.ts';
import { AppError } from '../../kernel/errors.ts';
import { analyseOdometer } from './odometer.ts';

/** A report's register lookups are made for this purpose (it shows in the data tracker), unless an official states another. */
export const DOSSIER_PURPOSE = 'vehicle-history-report';

/** Each section's register service, by subsystem and service code (the client knows their full ids). */
const SERVICES: Record<SourceKey, { subsystem: string; service: string; path: (vin: string) => string }> = {
  vehicle: { subsystem: 'vehicle-register', service: 'vehicles', path: (vin) => `/${vin}` },
  registrations: {
    subsystem: 'vehicle-register',
    service: 'vehicles',
    path: (vin) => `/${vin}/registrations`,
  },
  inspections: { subsystem: 'inspections', service: 'inspections', path: (vin) => `/by-vin/${vin}` },
  insurance: { subsystem: 'mtpl-insurance', service: 'policies', path: (vin) => `/by-vin/${vin}` },
  fines: { subsystem: 'traffic-fines', service: 'fines', path: (vin) => `/by-vin/${vin}` },
  tax: { subsystem: 'local-taxes', service: 'vehicle-tax', path: (vin) => `/by-vin/${vin}` },
};

type RegisterClient = Pick<ExchangeClient, 'get' | 'serviceId'>;

function serviceOf(client: RegisterClient, key: SourceKey): string {
  return client.serviceId(SERVICES[key].subsystem, SERVICES[key].service);
}

/** Sections only the owner is shown: fines and unpaid tax follow the person, not the car. */
const OWNER_ONLY: ReadonlySet<SourceKey> = new Set(['fines', 'tax']);

type Json = Record<string, unknown>;

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
  body: Json;
  fetchedAt: string;
  messageId: string;
}

/** A vehicle by VIN or plate, read with the report's purpose; null when the register has none. */
export async function findVehicle(
  client: RegisterClient,
  key: { vin: string } | { plate: string },
  context: CallContext,
): Promise<KnownAnswer | null> {
  const path = 'vin' in key ? `/${key.vin}` : `/by-plate/${encodeURIComponent(key.plate)}`;
  const fetchedAt = new Date().toISOString();
  const answer = await client.get(serviceOf(client, 'vehicle'), path, context);
  if (answer.status === 404) return null;
  if (answer.fault && /NotAllowed|AccessDenied/.test(answer.fault)) {
    const detail = (answer.body as { message?: string } | null)?.message ?? answer.fault;
    throw new AppError('purpose-not-allowed', detail);
  }
  if (answer.status !== 200) {
    // A register that is down is a 503, not a missing vehicle.
    throw new AppError(
      'register-unavailable',
      `The vehicle register did not answer: ${answer.fault ?? `status ${answer.status}`}`,
    );
  }
  return { body: answer.body as Json, fetchedAt, messageId: answer.messageId };
}

/**
 * Asks every register the report needs, at once and each with its own deadline, through the
 * exchange, and assembles the report's sections. A register that did not answer leaves its
 * section empty and is listed as missing: the report says it is partial.
 */
export async function gatherReport(client: RegisterClient, request: GatherRequest): Promise<GatheredReport> {
  const keys = SOURCE_KEYS.filter((key) => request.viewer === 'owner' || !OWNER_ONLY.has(key));
  const asked = request.vehicle ? keys.filter((key) => key !== 'vehicle') : keys;
  const sources: SourceRequest[] = asked.map((key) => ({
    key,
    service: serviceOf(client, key),
    path: SERVICES[key].path(request.vin),
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
  if (request.vehicle) outcomes.push(knownOutcome(request.vehicle, serviceOf(client, 'vehicle')));
  const body = (key: SourceKey): unknown => {
    const outcome = outcomes.find((candidate) => candidate.key === key);
    return outcome?.status === 'ok' ? outcome.answer.body : undefined;
  };

  const vehicle = body('vehicle') as Json | undefined;
  const registrations = body('registrations') as Json[] | undefined;
  const inspections = body('inspections') as Json[] | undefined;
  const policies = body('insurance') as Json[] | undefined;
  const currentOwner = registrations?.at(-1);
  const showOwner = request.viewer !== 'public';
  const inspectionList = inspections?.map((row) => ({
    date: String(row.inspectedOn),
    stationCode: String(row.stationCode),
    stationName: String(row.stationName),
    result: String(row.result),
    odometerKm: Number(row.odometerKm),
    nextDue: row.nextDue === null ? null : String(row.nextDue),
  }));

  return {
    viewer: request.viewer,
    vin: request.vin,
    partial: outcomes.some((outcome) => outcome.status !== 'ok'),
    technical: vehicle
      ? {
          vin: String(vehicle.vin),
          make: String(vehicle.make),
          model: String(vehicle.model),
          category: String(vehicle.category),
          body: String(vehicle.body),
          fuel: String(vehicle.fuel),
          engineCc: Number(vehicle.engineCc),
          powerKw: Number(vehicle.powerKw),
          massKg: Number(vehicle.massKg),
          colour: String(vehicle.colour),
          modelYear: Number(vehicle.modelYear),
        }
      : null,
    registration:
      vehicle && registrations
        ? {
            status: vehicle.status as 'registered' | 'deregistered' | 'scrapped',
            plate: (vehicle.plate as string | null) ?? null,
            firstRegistrationDate: String(vehicle.firstRegistrationDate),
            ownersCount: new Set(
              registrations
                .filter((row) => row.event !== 'change_of_plate' && row.event !== 'deregistration')
                .map((row) => `${row.ownerKind}:${row.ownerId}`),
            ).size,
            timeline: registrations.map((row) => ({
              event: row.event as RegistrationEventKind,
              date: String(row.eventDate),
              plate: (row.plate as string | null) ?? null,
              ownerKind: row.ownerKind as 'person' | 'company',
            })),
            ...(showOwner && currentOwner ? { currentOwner: ownerOf(currentOwner) } : {}),
          }
        : null,
    inspections: inspectionList ?? null,
    odometer: inspectionList
      ? analyseOdometer(
          inspectionList.map((row) => ({
            date: row.date,
            km: row.odometerKm,
            source: `inspection ${row.stationCode}`,
          })),
          request.today,
        )
      : null,
    insurance: policies ? insuranceOf(policies, request.today) : null,
    theft: vehicle
      ? { stolen: Boolean(vehicle.stolen), since: (vehicle.stolenSince as string | null) ?? null }
      : null,
    ...(request.viewer === 'owner'
      ? { fines: finesOf(body('fines') as Json[] | undefined), tax: taxOf(body('tax') as Json[] | undefined) }
      : {}),
    sources: keys.map((key) =>
      sourceOf(key, outcomes.find((outcome) => outcome.key === key)!, request.today),
    ),
    currentOwnerId: currentOwner && currentOwner.ownerKind === 'person' ? String(currentOwner.ownerId) : null,
  };
}

/** The current owner as a report names them: a company by number and name, a person by kind alone. */
function ownerOf(row: Json): NonNullable<Registration['currentOwner']> {
  if (row.ownerKind === 'company')
    return { kind: 'company', id: String(row.ownerId), name: (row.ownerName as string | null) ?? null };
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

function insuranceOf(policies: Json[], today: string) {
  const valid = policies.filter(
    (policy) => !policy.cancelled && String(policy.startsOn) <= today && String(policy.endsOn) >= today,
  );
  const current = valid.sort((a, b) => String(b.endsOn).localeCompare(String(a.endsOn)))[0];
  const latest = [...policies].sort((a, b) => String(b.endsOn).localeCompare(String(a.endsOn)))[0];
  const shown = current ?? latest;
  return {
    insured: current !== undefined,
    insurer: shown ? String(shown.insurer) : null,
    endsOn: shown ? String(shown.endsOn) : null,
    policies: policies.length,
  };
}

function finesOf(fines: Json[] | undefined) {
  if (!fines) return null;
  const unpaid = fines.filter((fine) => !fine.paid);
  return {
    unpaid: unpaid.length,
    unpaidAmountCents: unpaid.reduce((sum, fine) => sum + Number(fine.amountCents), 0),
    items: fines.map((fine) => ({
      number: String(fine.number),
      issuedOn: String(fine.issuedOn),
      offence: String(fine.offence),
      amountCents: Number(fine.amountCents),
      paid: Boolean(fine.paid),
    })),
  };
}

function taxOf(assessments: Json[] | undefined) {
  if (!assessments) return null;
  const unpaid = assessments.filter((row) => !row.paid);
  return {
    unpaidYears: unpaid.map((row) => Number(row.year)),
    unpaidAmountCents: unpaid.reduce((sum, row) => sum + Number(row.amountCents), 0),
    items: assessments.map((row) => ({
      year: Number(row.year),
      municipality: String(row.municipalityName),
      amountCents: Number(row.amountCents),
      paid: Boolean(row.paid),
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
