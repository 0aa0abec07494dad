import type { CRIMINAL_RECORDS } from '@civitas/contracts/registers/criminal-records.ts';
import type { Connection } from '../../db/index.ts';
import type { PopulationQueries } from '../population/queries.ts';
import { type Handlers, Missing } from '../provide.ts';
import { criminalRecordOf } from './queries.ts';

const NO_SUCH_PERSON = new Missing('No such person in the population register.');

/**
 * How the criminal-records register answers. The bureau keeps records of convictions only, so a
 * clean record is an answer, not a 404; a personal number nobody holds is a 404 (asked of the
 * population register's own queries, as the bureau checks a name against the national register).
 */
export function criminalRecordHandlers(
  db: Connection,
  population: Pick<PopulationQueries, 'person'>,
): Handlers<typeof CRIMINAL_RECORDS> {
  const recordOf = criminalRecordOf(db);
  return {
    byPerson: async ({ egn }) => ((await population.person(egn)) ? recordOf(egn) : NO_SUCH_PERSON),
  };
}
