import type { Connection } from '../db/connection.ts';
import type { ExchangeServiceDefinition } from '../exchange/service-definition.ts';
import { drivingLicenceServices } from './driving-licences/exchange-service.ts';
import { fineServices } from './fines/exchange-service.ts';
import { identityDocumentServices } from './identity-documents/exchange-service.ts';
import { inspectionServices } from './inspections/exchange-service.ts';
import { insuranceServices } from './insurance/exchange-service.ts';
import { populationServices } from './population/exchange-service.ts';
import { vehicleTaxServices } from './vehicle-tax/exchange-service.ts';
import { vehicleServices } from './vehicles/exchange-service.ts';

/** Every register's services as the exchange hosts them. */
export function registerServices(db: Connection): ExchangeServiceDefinition[] {
  return [
    ...populationServices(db),
    ...identityDocumentServices(db),
    ...drivingLicenceServices(db),
    ...vehicleServices(db),
    ...inspectionServices(db),
    ...insuranceServices(db),
    ...fineServices(db),
    ...vehicleTaxServices(db),
  ];
}
