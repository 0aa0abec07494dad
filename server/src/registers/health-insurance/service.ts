import type { HEALTH_INSURANCE } from '@civitas/contracts/registers/health-insurance.ts';
import type { Connection } from '../../db/index.ts';
import { type Handlers, Missing } from '../provide.ts';
import { insuranceByPerson } from './queries.ts';

const NOT_REGISTERED = new Missing('The person is not in the health insurance register.');

/** How the health insurance register answers its service's endpoint. */
export function healthInsuranceHandlers(db: Connection): Handlers<typeof HEALTH_INSURANCE> {
  const insurance = insuranceByPerson(db);
  return { byPerson: async ({ egn }) => (await insurance(egn)) ?? NOT_REGISTERED };
}
