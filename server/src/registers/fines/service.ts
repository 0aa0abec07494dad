import { FINES } from '@civitas/contracts/registers/fines.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { provide, type Reporter } from '../provide.ts';
import { FinesRegister } from './queries.ts';

export function fineServices(db: Kysely<Database>, report: Reporter): ExchangeServiceDefinition[] {
  const register = new FinesRegister(db);
  return [
    provide(
      FINES,
      { byPerson: ({ egn }) => register.findByPerson(egn), byVin: ({ vin }) => register.findByVin(vin) },
      { report },
    ),
  ];
}
