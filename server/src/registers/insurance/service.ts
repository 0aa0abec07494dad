import { MTPL_POLICIES } from '@civitas/contracts/registers/insurance.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { provide, type Reporter } from '../provide.ts';
import { InsuranceRegister } from './queries.ts';

export function insuranceServices(db: Kysely<Database>, report: Reporter): ExchangeServiceDefinition[] {
  const register = new InsuranceRegister(db);
  return [provide(MTPL_POLICIES, { byVin: ({ vin }) => register.findByVin(vin) }, { report })];
}
