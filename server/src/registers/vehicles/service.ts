import type { Kysely } from 'kysely';
import { CompiledLookup, VIN_PLACEHOLDER } from '../../db/compiled-query.ts';
import { type Connection, tablesOf } from '../../db/connection.ts';
import type { RegistrationRow, VehicleRow, VehicleTables } from './tables.ts';

export class VehicleRegister {
  private readonly db: Kysely<VehicleTables>;
  /** The lookups every vehicle report makes, compiled once. */
  private readonly byVin: CompiledLookup<VehicleRow, [vin: string]>;
  private readonly byPlate: CompiledLookup<VehicleRow, [plate: string]>;
  private readonly history: CompiledLookup<RegistrationRow, [vin: string]>;

  constructor(connection: Connection) {
    const db = tablesOf<VehicleTables>(connection);
    this.db = db;
    this.byVin = new CompiledLookup(
      db,
      (vin) => db.selectFrom('vehicles.vehicles').selectAll().where('vin', '=', vin),
      [VIN_PLACEHOLDER],
    );
    this.byPlate = new CompiledLookup(
      db,
      (plate) => db.selectFrom('vehicles.vehicles').selectAll().where('plate', '=', plate),
      ['\u0000plate'],
    );
    this.history = new CompiledLookup(
      db,
      (vin) => db.selectFrom('vehicles.registrations').selectAll().where('vin', '=', vin).orderBy('seq'),
      [VIN_PLACEHOLDER],
    );
  }

  /** Vehicles whose latest registration record names this owner (a person's EGN or a company's EIK). */
  findByCurrentOwner(ownerId: string): Promise<VehicleRow[]> {
    return this.db
      .selectFrom('vehicles.registrations as r')
      .innerJoin('vehicles.vehicles as v', 'v.vin', 'r.vin')
      .selectAll('v')
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
      .execute();
  }

  findByVin(vin: string): Promise<VehicleRow | undefined> {
    return this.byVin.first(vin);
  }

  findByPlate(plate: string): Promise<VehicleRow | undefined> {
    return this.byPlate.first(plate);
  }

  registrationHistory(vin: string): Promise<RegistrationRow[]> {
    return this.history.rows(vin);
  }
}
