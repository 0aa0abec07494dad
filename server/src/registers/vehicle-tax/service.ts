import { VEHICLE_TAX } from '@civitas/contracts/registers/vehicle-tax.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { provide, type Reporter } from '../provide.ts';
import { VehicleTaxRegister } from './queries.ts';

export function vehicleTaxServices(db: Kysely<Database>, report: Reporter): ExchangeServiceDefinition[] {
  const register = new VehicleTaxRegister(db);
  return [provide(VEHICLE_TAX, { byVin: ({ vin }) => register.findByVin(vin) }, { report })];
}
