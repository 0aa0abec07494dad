import type { DRIVING_LICENCES } from '@civitas/contracts/registers/driving-licences.ts';
import type { Connection } from '../../db/index.ts';
import { type Handlers, Missing } from '../provide.ts';
import { licenceByPerson } from './queries.ts';

const NO_LICENCE = new Missing('The person holds no driving licence.');

/** How the driving licences register answers its service's endpoint. */
export function drivingLicenceHandlers(db: Connection): Handlers<typeof DRIVING_LICENCES> {
  const licence = licenceByPerson(db);
  return { byPerson: async ({ egn }) => (await licence(egn)) ?? NO_LICENCE };
}
