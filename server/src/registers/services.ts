import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ExchangeServiceDefinition } from '../exchange/service-definition.ts';
import { drivingLicenceServices } from './driving-licences/service.ts';
import { fineServices } from './fines/service.ts';
import { identityDocumentServices } from './identity-documents/service.ts';
import { inspectionServices } from './inspections/service.ts';
import { insuranceServices } from './insurance/service.ts';
import { populationServices } from './population/service.ts';
import type { Reporter } from './provide.ts';
import { vehicleTaxServices } from './vehicle-tax/service.ts';
import { vehicleServices } from './vehicles/service.ts';

/**
 * Every register's services as the exchange hosts them, each answering under its contract
 * (`@civitas/contracts/registers`). `report` receives a register's own faults (an answer that
 * breaks its contract); without one they are written to the process's error output.
 */
export function registerServices(
  db: Kysely<Database>,
  report: Reporter = (error) => console.error(error),
): ExchangeServiceDefinition[] {
  return [
    ...populationServices(db, report),
    ...identityDocumentServices(db, report),
    ...drivingLicenceServices(db, report),
    ...vehicleServices(db, report),
    ...inspectionServices(db, report),
    ...insuranceServices(db, report),
    ...fineServices(db, report),
    ...vehicleTaxServices(db, report),
  ];
}
