import type { Registration, Vehicle } from '@civitas/contracts/registers/vehicles.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import { recordBy, recordsBy } from '../lookup.ts';
import type { VehicleTables } from './tables.ts';

/** A vehicle's columns under the contract's names. */
const VEHICLE = [
  'v.vin',
  'v.plate',
  'v.make',
  'v.model',
  'v.category',
  'v.body',
  'v.fuel',
  'v.engine_cc as engineCc',
  'v.power_kw as powerKw',
  'v.mass_kg as massKg',
  'v.colour',
  'v.model_year as modelYear',
  'v.first_registration_date as firstRegistrationDate',
  'v.registration_certificate_number as registrationCertificateNumber',
  'v.status',
  'v.stolen',
  'v.stolen_since as stolenSince',
] as const;

const REGISTRATION = [
  'vin',
  'seq',
  'event',
  'event_date as eventDate',
  'plate',
  'owner_kind as ownerKind',
  'owner_id as ownerId',
  'owner_name as ownerName',
  'certificate_number as certificateNumber',
] as const;

export interface VehicleQueries {
  byVin(vin: string): Promise<Vehicle | undefined>;
  byPlate(plate: string): Promise<Vehicle | undefined>;
  /** The registration records of a vehicle, in order: the last names its current owner. */
  history(vin: string): Promise<Registration[]>;
  /** Vehicles whose latest registration record names this owner (a person's EGN or a company's EIK). */
  byCurrentOwner(ownerId: string): Promise<Vehicle[]>;
}

/** The vehicle register's queries; the lookups every vehicle report makes are compiled once. */
export function vehicleQueries(connection: Connection): VehicleQueries {
  const db = tablesOf<VehicleTables>(connection);
  return {
    byVin: recordBy(db, (vin) =>
      db.selectFrom('vehicles.vehicles as v').select(VEHICLE).where('v.vin', '=', vin),
    ),
    byPlate: recordBy(db, (plate) =>
      db.selectFrom('vehicles.vehicles as v').select(VEHICLE).where('v.plate', '=', plate),
    ),
    history: recordsBy(db, (vin) =>
      db.selectFrom('vehicles.registrations').select(REGISTRATION).where('vin', '=', vin).orderBy('seq'),
    ),
    byCurrentOwner: (ownerId) =>
      db
        .selectFrom('vehicles.registrations as r')
        .innerJoin('vehicles.vehicles as v', 'v.vin', 'r.vin')
        .select(VEHICLE)
        .where('r.owner_id', '=', ownerId)
        .where(({ eb, selectFrom }) =>
          eb(
            'r.seq',
            '=',
            selectFrom('vehicles.registrations as latest')
              .select(({ fn }) => fn.max('latest.seq').as('seq'))
              .whereRef('latest.vin', '=', 'r.vin'),
          ),
        )
        .where('v.status', '=', 'registered')
        .orderBy('v.first_registration_date')
        .execute(),
  };
}
