import { type Registration, VEHICLES } from '@civitas/contracts/registers/vehicles.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { Missing, provide, type Reporter } from '../provide.ts';
import { VehicleRegister } from './queries.ts';

const NO_SUCH_VIN = new Missing('No vehicle with this VIN in the register.');
const NO_SUCH_PLATE = new Missing('No vehicle with this plate in the register.');

export function vehicleServices(db: Kysely<Database>, report: Reporter): ExchangeServiceDefinition[] {
  const register = new VehicleRegister(db);
  return [
    provide(
      VEHICLES,
      {
        byVin: async ({ vin }) => (await register.findByVin(vin)) ?? NO_SUCH_VIN,
        byPlate: async ({ plate }) => (await register.findByPlate(plate)) ?? NO_SUCH_PLATE,
        async registrations({ vin }) {
          const history = await register.registrationHistory(vin);
          // A registered vehicle always has a history; only an empty one asks whether it exists.
          if (history.length === 0 && !(await register.findByVin(vin))) return NO_SUCH_VIN;
          return history;
        },
        byOwner: ({ ownerId }) => register.findByCurrentOwner(ownerId),
      },
      { report, subjectOfAnswer: { registrations: currentPersonOwner } },
    ),
  ];
}

/** The data subject of a registration history: its current owner, when that is a person. */
export function currentPersonOwner(history: readonly Registration[]): string | null {
  const last = history.at(-1);
  return last?.ownerKind === 'person' ? last.ownerId : null;
}
