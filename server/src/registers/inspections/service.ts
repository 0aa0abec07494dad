import { INSPECTIONS } from '@civitas/contracts/registers/inspections.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { provide, type Reporter } from '../provide.ts';
import { InspectionsRegister } from './queries.ts';

export function inspectionServices(db: Kysely<Database>, report: Reporter): ExchangeServiceDefinition[] {
  const register = new InspectionsRegister(db);
  return [provide(INSPECTIONS, { byVin: ({ vin }) => register.findByVin(vin) }, { report })];
}
