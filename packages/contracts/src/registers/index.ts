import { COMMERCIAL_REGISTER } from './commercial.ts';
import type { EndpointContract, ServiceContract } from './contract.ts';
import { CRIMINAL_RECORDS } from './criminal-records.ts';
import { DRIVING_LICENCES } from './driving-licences.ts';
import { FINES } from './fines.ts';
import { HEALTH_INSURANCE } from './health-insurance.ts';
import { HEALTH_RECORD } from './health-record.ts';
import { IDENTITY_DOCUMENTS } from './identity-documents.ts';
import { INSPECTIONS } from './inspections.ts';
import { MTPL_POLICIES } from './insurance.ts';
import { PERSONS } from './population.ts';
import { VEHICLE_TAX } from './vehicle-tax.ts';
import { VEHICLES } from './vehicles.ts';

export * from './contract.ts';
export {
  COMMERCIAL_REGISTER,
  CRIMINAL_RECORDS,
  DRIVING_LICENCES,
  FINES,
  HEALTH_INSURANCE,
  HEALTH_RECORD,
  IDENTITY_DOCUMENTS,
  INSPECTIONS,
  MTPL_POLICIES,
  PERSONS,
  VEHICLE_TAX,
  VEHICLES,
};

/**
 * Every register service's contract, keyed `subsystem/service` (the service id without the
 * instance and member, which the instance configuration supplies): the machine-readable list.
 */
export const REGISTER_SERVICES: ReadonlyMap<
  string,
  ServiceContract<Record<string, EndpointContract>>
> = new Map(
  [
    PERSONS,
    IDENTITY_DOCUMENTS,
    DRIVING_LICENCES,
    VEHICLES,
    INSPECTIONS,
    MTPL_POLICIES,
    FINES,
    VEHICLE_TAX,
    HEALTH_INSURANCE,
    COMMERCIAL_REGISTER,
    CRIMINAL_RECORDS,
  ].map((service) => [`${service.subsystem}/${service.service}`, service]),
);

/** Every endpoint of every register service, in one list. */
export const REGISTER_ENDPOINTS: readonly EndpointContract[] = [...REGISTER_SERVICES.values()].flatMap(
  (service) => Object.values(service.endpoints),
);
