import crypto from 'node:crypto';
import type { ParkingPermitPrefill } from '@civitas/contracts/api/parking-permit.ts';
import { DRIVING_LICENCES, type DrivingLicence } from '@civitas/contracts/registers/driving-licences.ts';
import { type Address, PERSONS, type Person } from '@civitas/contracts/registers/population.ts';
import { type TaxAssessment, VEHICLE_TAX } from '@civitas/contracts/registers/vehicle-tax.ts';
import { VEHICLES, type Vehicle } from '@civitas/contracts/registers/vehicles.ts';
import type { Caller } from '../../access/index.ts';
import {
  askRegisters,
  type CallContext,
  type ExchangeClient,
  failureOf,
  type SourceOutcome,
} from '../../exchange/index.ts';
import { ISSUING_MUNICIPALITY, parkingPermitEligibility, permitVehicles, prefillAccess } from './policy.ts';

const REGISTER_TIMEOUT_MS = 3_000;

const SOURCE_NAMES: Record<string, { bg: string; en: string; pl: string }> = {
  population: {
    bg: 'Национален регистър на населението (ГРАО)',
    en: 'National population register (GRAO)',
    pl: 'Krajowy rejestr ludności (GRAO)',
  },
  vehicles: {
    bg: 'Регистър на моторните превозни средства (МВР)',
    en: 'Vehicle register (Ministry of Interior)',
    pl: 'Rejestr pojazdów (Ministerstwo Spraw Wewnętrznych)',
  },
  'driving-licences': {
    bg: 'Регистър на свидетелствата за управление (МВР)',
    en: 'Driving licence register (Ministry of Interior)',
    pl: 'Rejestr praw jazdy (Ministerstwo Spraw Wewnętrznych)',
  },
  'vehicle-tax': {
    bg: 'Местни данъци и такси (Столична община)',
    en: 'Local taxes (Sofia Municipality)',
    pl: 'Podatki lokalne (Gmina Stołeczna Sofia)',
  },
};

const SERVICE = {
  code: 'parking-permit',
  title: {
    bg: 'Разрешение за паркиране за живущи',
    en: 'Resident parking permit',
    pl: 'Abonament parkingowy mieszkańca',
  },
};
const PURPOSE_TEXT = {
  bg: 'е-услуга: разрешение за паркиране за живущи',
  en: 'e-service: resident parking permit',
};
const LEGAL_BASIS_TEXT = {
  bg: 'Наредба за паркиране в София, чл. 35',
  en: 'Ordinance on parking in Sofia, Art. 35',
};

export interface Field {
  name: string;
  value: string;
  source: string;
}

/** Told of each prefill: its request id, the eligibility decided and the sources that failed. */
export interface PrefillLog {
  info(fields: object, message: string): void;
}

/** What the applicant's own registers answered: the person, their addresses, vehicles and licence. */
interface OwnAnswers {
  person: SourceOutcome;
  addresses: SourceOutcome;
  vehicles: SourceOutcome;
  licence: SourceOutcome;
}

/** The vehicle tax of each car the permit can be for, and the tax register as one source. */
interface TaxAnswers {
  taxes: SourceOutcome[];
  tax: SourceOutcome;
}

/**
 * A sample e-service that shows the once-only principle: the application form for a resident
 * parking permit, filled from four registers through the exchange, each field with its source.
 */
export class ParkingPermitService {
  private readonly exchange: Pick<ExchangeClient, 'get' | 'locate' | 'serviceId'>;

  constructor(exchange: Pick<ExchangeClient, 'get' | 'locate' | 'serviceId'>) {
    this.exchange = exchange;
  }

  /** The applicant's form, prefilled from the registers, with their eligibility and the sources asked. */
  async prefill(
    applicant: Caller,
    log: PrefillLog,
    use?: { purpose: string; legalBasis: string },
  ): Promise<ParkingPermitPrefill> {
    const requestId = crypto.randomUUID();
    const context = prefillAccess(applicant, requestId, use);
    const own = await this.askOwnRegisters(applicant.subject, context);
    // The exchange client checked each body against its register's contract: these are their shapes.
    const registered = own.vehicles.status === 'ok' ? (own.vehicles.answer.body as Vehicle[]) : null;
    const owned = permitVehicles(registered ?? []);
    const { taxes, tax } = await this.askTaxes(owned, own.vehicles, context);
    const population = mergeSources([own.person, own.addresses]);
    const licence = noLicenceIsAnAnswer(own.licence);
    const taxPaid = taxes.map((outcome) =>
      outcome.status === 'ok' ? (outcome.answer.body as TaxAssessment[]).every((row) => row.paid) : null,
    );
    const eligibility = parkingPermitEligibility(
      population.status === 'ok' ? (own.addresses.answer!.body as Address[]) : null,
      registered,
    );
    const sources = [population, own.vehicles, licence, tax];
    log.info(
      {
        event: 'eservice.prefill',
        requestId,
        eligibility: eligibility.status,
        failed: sources.filter((source) => source.status !== 'ok').map((source) => source.key),
      },
      'prefill',
    );
    return {
      service: SERVICE,
      eligibility: { ...eligibility, municipality: ISSUING_MUNICIPALITY.name },
      vehicles: owned.map((car, i) => ({
        vin: car.vin,
        plate: car.plate!,
        make: car.make,
        model: car.model,
        taxPaid: taxPaid[i] ?? null,
      })),
      purpose: PURPOSE_TEXT,
      legalBasis: LEGAL_BASIS_TEXT,
      requestId,
      fields: [
        ...(population.status === 'ok' ? personFields(own.person, own.addresses) : []),
        ...vehicleFields(owned[0]),
        ...licenceFields(licence),
        ...(taxPaid[0] !== undefined && taxPaid[0] !== null
          ? [{ name: 'vehicleTaxPaid', value: String(taxPaid[0]), source: 'vehicle-tax' }]
          : []),
      ].filter((field) => field.value.trim() !== ''),
      sources: sources.map(describeSource),
    };
  }

  private async askOwnRegisters(egn: string, context: CallContext): Promise<OwnAnswers> {
    const [person, addresses, vehicles, licence] = await askRegisters(
      this.exchange,
      [
        { key: 'population', ...this.exchange.locate(PERSONS.endpoints.person, { egn }) },
        { key: 'population', ...this.exchange.locate(PERSONS.endpoints.addresses, { egn }) },
        { key: 'vehicles', ...this.exchange.locate(VEHICLES.endpoints.byOwner, { ownerId: egn }) },
        { key: 'driving-licences', ...this.exchange.locate(DRIVING_LICENCES.endpoints.byPerson, { egn }) },
      ],
      context,
      REGISTER_TIMEOUT_MS,
    );
    return { person: person!, addresses: addresses!, vehicles: vehicles!, licence: licence! };
  }

  /** The tax register is asked about the cars the vehicle register named: it depends on that answer. */
  private async askTaxes(
    owned: readonly Vehicle[],
    vehicles: SourceOutcome,
    context: CallContext,
  ): Promise<TaxAnswers> {
    if (owned.length === 0) {
      const why =
        vehicles.status === 'ok'
          ? 'You have no registered vehicle.'
          : 'The vehicle register did not answer, so the tax register could not be asked.';
      const service = this.exchange.serviceId(VEHICLE_TAX.subsystem, VEHICLE_TAX.service);
      return { taxes: [], tax: unaskedSource('vehicle-tax', service, why) };
    }
    const taxes = await askRegisters(
      this.exchange,
      owned.map((car) => ({
        key: 'vehicle-tax',
        ...this.exchange.locate(VEHICLE_TAX.endpoints.byVin, { vin: car.vin }),
      })),
      context,
      REGISTER_TIMEOUT_MS,
    );
    return { taxes, tax: mergeSources(taxes) };
  }
}

function personFields(person: SourceOutcome, addresses: SourceOutcome): Field[] {
  const p = person.answer!.body as Person;
  const permanent = (addresses.answer!.body as Address[]).find((address) => address.kind === 'permanent');
  const fields: Field[] = [
    { name: 'fullName', value: `${p.givenName} ${p.fatherName} ${p.familyName}`, source: 'population' },
    {
      name: 'fullNameLatin',
      value: `${p.givenNameLatin} ${p.fatherNameLatin} ${p.familyNameLatin}`,
      source: 'population',
    },
    { name: 'personalNumber', value: p.egn, source: 'population' },
  ];
  if (permanent) {
    const apartment = permanent.apartment ? `, ап. ${permanent.apartment}` : '';
    fields.push({
      name: 'permanentAddress',
      value: `${permanent.street} ${permanent.building}${apartment}, ${permanent.postcode} ${permanent.settlementName}`,
      source: 'population',
    });
  }
  return fields;
}

/** The first car the permit can be for (the form offers the others as a choice). */
function vehicleFields(vehicle: Vehicle | undefined): Field[] {
  if (!vehicle) return [];
  return [
    { name: 'vehiclePlate', value: vehicle.plate ?? '', source: 'vehicles' },
    { name: 'vehicleMakeModel', value: `${vehicle.make} ${vehicle.model}`, source: 'vehicles' },
    { name: 'vehicleVin', value: vehicle.vin, source: 'vehicles' },
  ];
}

function licenceFields(licence: SourceOutcome): Field[] {
  if (licence.status !== 'ok' || licence.answer?.status !== 200) return [];
  const l = licence.answer.body as DrivingLicence;
  return [
    { name: 'drivingLicenceNumber', value: l.number, source: 'driving-licences' },
    { name: 'drivingLicenceValidUntil', value: l.validUntil, source: 'driving-licences' },
  ];
}

/** A source asked several times (a person and their addresses, each car's tax) answered only if every call did. */
function mergeSources(outcomes: readonly SourceOutcome[]): SourceOutcome {
  const failed = outcomes.find((outcome) => outcome.status !== 'ok');
  if (failed) return failed;
  return { ...outcomes[0]!, durationMs: Math.max(...outcomes.map((outcome) => outcome.durationMs)) };
}

/** A person without a licence is an answer (no fields), not a failure of the register. */
function noLicenceIsAnAnswer(outcome: SourceOutcome): SourceOutcome {
  if (outcome.status === 'failed' && outcome.answer && failureOf(outcome.answer).kind === 'not-found') {
    return { ...outcome, status: 'ok', answer: outcome.answer };
  }
  return outcome;
}

function unaskedSource(key: string, service: string, error: string): SourceOutcome {
  return {
    key,
    service,
    status: 'failed',
    error,
    answer: null,
    durationMs: 0,
    fetchedAt: new Date().toISOString(),
  };
}

function describeSource(outcome: SourceOutcome) {
  return {
    key: outcome.key,
    service: outcome.service,
    name: SOURCE_NAMES[outcome.key]!,
    status: outcome.status,
    durationMs: outcome.durationMs,
    fetchedAt: outcome.fetchedAt,
    ...(outcome.status === 'ok' ? {} : { error: outcome.error }),
  };
}
