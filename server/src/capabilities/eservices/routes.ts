import crypto from 'node:crypto';
import { DRIVING_LICENCES, type DrivingLicence } from '@civitas/contracts/registers/driving-licences.ts';
import { type Address, PERSONS, type Person } from '@civitas/contracts/registers/population.ts';
import { type TaxAssessment, VEHICLE_TAX } from '@civitas/contracts/registers/vehicle-tax.ts';
import { VEHICLES, type Vehicle } from '@civitas/contracts/registers/vehicles.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type ExchangeClient, failureOf } from '../../exchange/client.ts';
import { askRegisters, type SourceOutcome } from '../../exchange/orchestrate.ts';
import { principalOf } from '../../identity/auth.ts';
import { ISSUING_MUNICIPALITY, parkingPermitEligibility, permitVehicles } from './policy.ts';

/** Purpose and legal basis codes of the e-service's register lookups (`platform/purposes.ts`). */
const PURPOSE = 'resident-parking-permit';
const LEGAL_BASIS = 'sofia-parking-ordinance-art-35';
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

interface Field {
  name: string;
  value: string;
  source: string;
}

/** Text in each language the app speaks (Polish where this service has it: purposes are being coded). */
const Localised = Type.Object({ bg: Type.String(), en: Type.String(), pl: Type.Optional(Type.String()) });
const PrefillResponse = Type.Object({
  service: Type.Object({ code: Type.String(), title: Localised }),
  /** Decided from the registers before the form is shown: who may not apply is told why. */
  eligibility: Type.Object({
    status: Type.Union([Type.Literal('eligible'), Type.Literal('not-eligible'), Type.Literal('unknown')]),
    reasons: Type.Array(Type.Union([Type.Literal('lives-elsewhere'), Type.Literal('no-vehicle')])),
    /** The municipality that issues the permit. */
    municipality: Localised,
  }),
  /** Every vehicle the permit can be for (the form offers a choice); the fields name the first. */
  vehicles: Type.Array(
    Type.Object({
      vin: Type.String(),
      plate: Type.String(),
      make: Type.String(),
      model: Type.String(),
      /** Whether every vehicle-tax assessment is paid; null when the tax register did not answer. */
      taxPaid: Type.Union([Type.Boolean(), Type.Null()]),
    }),
  ),
  purpose: Localised,
  legalBasis: Localised,
  requestId: Type.String(),
  fields: Type.Array(Type.Object({ name: Type.String(), value: Type.String(), source: Type.String() })),
  sources: Type.Array(
    Type.Object({
      key: Type.String(),
      service: Type.String(),
      name: Localised,
      status: Type.Union([Type.Literal('ok'), Type.Literal('timeout'), Type.Literal('failed')]),
      durationMs: Type.Number(),
      fetchedAt: Type.String(),
      error: Type.Optional(Type.String()),
    }),
  ),
});

export interface ParkingPermitOptions {
  exchange: ExchangeClient;
}

/**
 * A sample e-service that shows the once-only principle: the application form for a resident
 * parking permit, filled from four registers through the exchange, each field with its source.
 */
async function parkingPermitRoutes(app: FastifyInstance, options: ParkingPermitOptions): Promise<void> {
  app.get(
    '/api/eservices/parking-permit/prefill',
    {
      config: { access: 'signed-in', personalData: { purpose: PURPOSE, legalBasis: LEGAL_BASIS } },
      schema: {
        tags: ['e-services'],
        summary: 'The parking-permit application, prefilled from the registers (once-only)',
        security: [{ eid: [] }],
        response: { 200: PrefillResponse },
      },
    },
    async (request) => {
      const egn = principalOf(request).subject;
      const requestId = crypto.randomUUID();
      const context = {
        purpose: PURPOSE,
        legalBasis: LEGAL_BASIS,
        dataSubject: egn,
        userId: egn,
        caseRef: requestId,
      };
      const [person, addresses, vehicles, licence] = await askRegisters(
        options.exchange,
        [
          { key: 'population', ...options.exchange.locate(PERSONS.endpoints.person, { egn }) },
          { key: 'population', ...options.exchange.locate(PERSONS.endpoints.addresses, { egn }) },
          { key: 'vehicles', ...options.exchange.locate(VEHICLES.endpoints.byOwner, { ownerId: egn }) },
          {
            key: 'driving-licences',
            ...options.exchange.locate(DRIVING_LICENCES.endpoints.byPerson, { egn }),
          },
        ],
        context,
        REGISTER_TIMEOUT_MS,
      );
      // The exchange client checked each body against its register's contract: these are their shapes.
      const registered = vehicles!.status === 'ok' ? (vehicles!.answer.body as Vehicle[]) : null;
      const owned = permitVehicles(registered ?? []);
      const vehicle = owned[0] ?? null;
      const taxService = options.exchange.serviceId(VEHICLE_TAX.subsystem, VEHICLE_TAX.service);
      // The tax register is asked about the cars the vehicle register named: it depends on that answer.
      const taxes =
        owned.length > 0
          ? await askRegisters(
              options.exchange,
              owned.map((car) => ({
                key: 'vehicle-tax',
                ...options.exchange.locate(VEHICLE_TAX.endpoints.byVin, { vin: car.vin }),
              })),
              context,
              REGISTER_TIMEOUT_MS,
            )
          : [];
      const tax =
        taxes.length > 0
          ? mergeSources(taxes)
          : unaskedSource(
              'vehicle-tax',
              taxService,
              vehicles!.status === 'ok'
                ? 'You have no registered vehicle.'
                : 'The vehicle register did not answer, so the tax register could not be asked.',
            );

      const fields: Field[] = [];
      const population = mergeSources([person!, addresses!]);
      if (population.status === 'ok') {
        const p = person!.answer!.body as Person;
        const permanent = (addresses!.answer!.body as Address[]).find(
          (address) => address.kind === 'permanent',
        );
        fields.push(
          { name: 'fullName', value: `${p.givenName} ${p.fatherName} ${p.familyName}`, source: 'population' },
          {
            name: 'fullNameLatin',
            value: `${p.givenNameLatin} ${p.fatherNameLatin} ${p.familyNameLatin}`,
            source: 'population',
          },
          { name: 'personalNumber', value: p.egn, source: 'population' },
        );
        if (permanent) {
          const apartment = permanent.apartment ? `, ап. ${permanent.apartment}` : '';
          fields.push({
            name: 'permanentAddress',
            value: `${permanent.street} ${permanent.building}${apartment}, ${permanent.postcode} ${permanent.settlementName}`,
            source: 'population',
          });
        }
      }
      if (vehicle) {
        fields.push(
          { name: 'vehiclePlate', value: vehicle.plate ?? '', source: 'vehicles' },
          { name: 'vehicleMakeModel', value: `${vehicle.make} ${vehicle.model}`, source: 'vehicles' },
          { name: 'vehicleVin', value: vehicle.vin, source: 'vehicles' },
        );
      }
      const licenceSource = noLicenceIsAnAnswer(licence!);
      if (licenceSource.status === 'ok' && licence!.answer?.status === 200) {
        const l = licence!.answer.body as DrivingLicence;
        fields.push(
          { name: 'drivingLicenceNumber', value: l.number, source: 'driving-licences' },
          { name: 'drivingLicenceValidUntil', value: l.validUntil, source: 'driving-licences' },
        );
      }
      const taxPaid = taxes.map((outcome) =>
        outcome.status === 'ok'
          ? (outcome.answer.body as TaxAssessment[]).every((assessment) => assessment.paid)
          : null,
      );
      if (taxPaid[0] !== undefined && taxPaid[0] !== null) {
        fields.push({ name: 'vehicleTaxPaid', value: String(taxPaid[0]), source: 'vehicle-tax' });
      }
      const eligibility = parkingPermitEligibility(
        population.status === 'ok' ? (addresses!.answer!.body as Address[]) : null,
        registered,
      );
      request.log.info(
        {
          event: 'eservice.prefill',
          requestId,
          eligibility: eligibility.status,
          failed: [population, vehicles!, licenceSource, tax]
            .filter((source) => source.status !== 'ok')
            .map((source) => source.key),
        },
        'prefill',
      );
      return {
        service: {
          code: 'parking-permit',
          title: {
            bg: 'Разрешение за паркиране за живущи',
            en: 'Resident parking permit',
            pl: 'Abonament parkingowy mieszkańca',
          },
        },
        eligibility: { ...eligibility, municipality: ISSUING_MUNICIPALITY.name },
        vehicles: owned.map((car, i) => ({
          vin: car.vin,
          plate: car.plate!,
          make: car.make,
          model: car.model,
          taxPaid: taxPaid[i] ?? null,
        })),
        purpose: {
          bg: 'е-услуга: разрешение за паркиране за живущи',
          en: 'e-service: resident parking permit',
        },
        legalBasis: {
          bg: 'Наредба за паркиране в София, чл. 35',
          en: 'Ordinance on parking in Sofia, Art. 35',
        },
        requestId,
        fields: fields.filter((field) => field.value.trim() !== ''),
        sources: [population, vehicles!, licenceSource, tax].map(describeSource),
      };
    },
  );
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

/** The eservices context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const eservicesPlugin = fp(parkingPermitRoutes, {
  name: 'eservices',
  dependencies: ['route-access', 'exchange-client'],
  encapsulate: true,
});
