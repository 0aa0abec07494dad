import type { Registration, VEHICLES } from '@civitas/contracts/registers/vehicles.ts';
import type { Connection } from '../../db/index.ts';
import { type Handlers, Missing } from '../provide.ts';
import { vehicleQueries } from './queries.ts';
import { transferRegistration } from './transfer.ts';

const NO_SUCH_VIN = new Missing('No vehicle with this VIN in the register.');
const NO_SUCH_PLATE = new Missing('No vehicle with this plate in the register.');

/** How the vehicle register answers its service's endpoints. */
export function vehicleHandlers(db: Connection): Handlers<typeof VEHICLES> {
  const queries = vehicleQueries(db);
  return {
    byVin: async ({ vin }) => (await queries.byVin(vin)) ?? NO_SUCH_VIN,
    byPlate: async ({ plate }) => (await queries.byPlate(plate)) ?? NO_SUCH_PLATE,
    async registrations({ vin }) {
      const history = await queries.history(vin);
      // A registered vehicle always has a history; only an empty one asks whether it exists.
      if (history.length === 0 && !(await queries.byVin(vin))) return NO_SUCH_VIN;
      return history;
    },
    byOwner: ({ ownerId }) => queries.byCurrentOwner(ownerId),
    'transfer-registration': transferRegistration(db),
  };
}

/** The data subject of a registration history: its current owner, when that is a person. */
export function currentPersonOwner(history: readonly Registration[]): string | null {
  const last = history.at(-1);
  return last?.ownerKind === 'person' ? last.ownerId : null;
}
