import { DRIVING_LICENCES } from '@civitas/contracts/registers/driving-licences.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { Missing, provide, type Reporter } from '../provide.ts';
import { DrivingLicencesRegister } from './queries.ts';

const NO_LICENCE = new Missing('The person holds no driving licence.');

export function drivingLicenceServices(db: Kysely<Database>, report: Reporter): ExchangeServiceDefinition[] {
  const register = new DrivingLicencesRegister(db);
  return [
    provide(
      DRIVING_LICENCES,
      { byPerson: async ({ egn }) => (await register.findByPerson(egn)) ?? NO_LICENCE },
      { report },
    ),
  ];
}
