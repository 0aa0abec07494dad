import { COMMERCIAL_REGISTER } from '@civitas/contracts/registers/commercial.ts';
import { CRIMINAL_RECORDS } from '@civitas/contracts/registers/criminal-records.ts';
import { DRIVING_LICENCES } from '@civitas/contracts/registers/driving-licences.ts';
import { FINES } from '@civitas/contracts/registers/fines.ts';
import { HEALTH_INSURANCE } from '@civitas/contracts/registers/health-insurance.ts';
import { IDENTITY_DOCUMENTS } from '@civitas/contracts/registers/identity-documents.ts';
import { INSPECTIONS } from '@civitas/contracts/registers/inspections.ts';
import { MTPL_POLICIES } from '@civitas/contracts/registers/insurance.ts';
import { PERSONS } from '@civitas/contracts/registers/population.ts';
import { VEHICLE_TAX } from '@civitas/contracts/registers/vehicle-tax.ts';
import { VEHICLES } from '@civitas/contracts/registers/vehicles.ts';
import type { Connection } from '../db/index.ts';
import type { ExchangeServiceDefinition } from '../exchange/index.ts';
import { commercialHandlers, firstRepresentative } from './commercial/service.ts';
import { criminalRecordHandlers } from './criminal-records/service.ts';
import { drivingLicenceHandlers } from './driving-licences/service.ts';
import { finesMarkPaid } from './fines/mark-paid.ts';
import { finesBy } from './fines/queries.ts';
import { healthInsuranceHandlers } from './health-insurance/service.ts';
import { identityDocumentHandlers } from './identity-documents/service.ts';
import { inspectionsByVin } from './inspections/queries.ts';
import { policiesByVin } from './insurance/queries.ts';
import { populationQueries } from './population/queries.ts';
import { populationHandlers } from './population/service.ts';
import { provide, type Reporter } from './provide.ts';
import { vehicleTaxMarkPaid } from './vehicle-tax/mark-paid.ts';
import { assessmentsByVin } from './vehicle-tax/queries.ts';
import { currentPersonOwner, vehicleHandlers } from './vehicles/service.ts';

/**
 * Every register's services as the exchange hosts them, each answering under its contract
 * (`@civitas/contracts/registers`). A register whose endpoints are plain lookups by their key is
 * wired here; one with more to decide (a 404, a data subject) has its own `service.ts`.
 * `report` receives a register's own faults (an answer that breaks its contract).
 */
export function registerServices(
  db: Connection,
  report: Reporter = (error) => console.error(error),
): ExchangeServiceDefinition[] {
  const inspections = inspectionsByVin(db);
  const policies = policiesByVin(db);
  const [finesOf, finesOn] = [finesBy(db, 'egn'), finesBy(db, 'vin')];
  const assessments = assessmentsByVin(db);
  return [
    provide(PERSONS, populationHandlers(db), {
      report,
      subjectOfAnswer: { 'change-current-address': (address) => address.egn },
    }),
    provide(IDENTITY_DOCUMENTS, identityDocumentHandlers(db), { report }),
    provide(DRIVING_LICENCES, drivingLicenceHandlers(db), { report }),
    provide(VEHICLES, vehicleHandlers(db), {
      report,
      subjectOfAnswer: {
        registrations: currentPersonOwner,
        'transfer-registration': (registration) => registration.ownerId,
      },
    }),
    provide(INSPECTIONS, { byVin: ({ vin }) => inspections(vin) }, { report }),
    provide(MTPL_POLICIES, { byVin: ({ vin }) => policies(vin) }, { report }),
    withWrites(
      provide(FINES, { byPerson: ({ egn }) => finesOf(egn), byVin: ({ vin }) => finesOn(vin) }, { report }),
      finesMarkPaid(db, report),
    ),
    withWrites(
      provide(VEHICLE_TAX, { byVin: ({ vin }) => assessments(vin) }, { report }),
      vehicleTaxMarkPaid(db, report),
    ),
    provide(HEALTH_INSURANCE, healthInsuranceHandlers(db), { report }),
    provide(COMMERCIAL_REGISTER, commercialHandlers(db), {
      report,
      subjectOfAnswer: { byEik: firstRepresentative, representative: (answer) => answer.egn },
    }),
    provide(CRIMINAL_RECORDS, criminalRecordHandlers(db, populationQueries(db)), { report }),
  ];
}

/** A register's lookups and its write services (POST), as one service on the exchange. */
function withWrites(
  service: ExchangeServiceDefinition,
  ...writes: ExchangeServiceDefinition['endpoints']
): ExchangeServiceDefinition {
  return { ...service, endpoints: [...service.endpoints, ...writes] };
}
