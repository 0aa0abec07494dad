import { PERSONS } from '@civitas/contracts/registers/population.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { Missing, provide, type Reporter } from '../provide.ts';
import { PopulationRegister } from './queries.ts';

const NO_SUCH_PERSON = new Missing('No such person in the population register.');

export function populationServices(db: Kysely<Database>, report: Reporter): ExchangeServiceDefinition[] {
  const register = new PopulationRegister(db);
  return [
    provide(
      PERSONS,
      {
        person: async ({ egn }) => (await register.findPerson(egn)) ?? NO_SUCH_PERSON,
        // An unknown person is a 404 here too, not an empty list of addresses.
        addresses: async ({ egn }) =>
          (await register.findPerson(egn)) ? register.findAddresses(egn) : NO_SUCH_PERSON,
      },
      { report },
    ),
  ];
}
