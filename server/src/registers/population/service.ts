import type { PERSONS } from '@civitas/contracts/registers/population.ts';
import type { Connection } from '../../db/index.ts';
import { type Handlers, Missing } from '../provide.ts';
import { changeCurrentAddress } from './change-address.ts';
import { populationQueries } from './queries.ts';

const NO_SUCH_PERSON = new Missing('No such person in the population register.');

/** How the population register answers its service's endpoints. */
export function populationHandlers(db: Connection): Handlers<typeof PERSONS> {
  const queries = populationQueries(db);
  return {
    person: async ({ egn }) => (await queries.person(egn)) ?? NO_SUCH_PERSON,
    // An unknown person is a 404 here too, not an empty list of addresses.
    addresses: async ({ egn }) => ((await queries.person(egn)) ? queries.addresses(egn) : NO_SUCH_PERSON),
    children: async ({ egn }) => ((await queries.person(egn)) ? queries.children(egn) : NO_SUCH_PERSON),
    'change-current-address': changeCurrentAddress(db),
  };
}
