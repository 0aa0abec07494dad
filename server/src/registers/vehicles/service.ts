import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RegistrationRow, VehicleRow } from './tables.ts';

export class VehicleRegister {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
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
    return this.db.selectFrom('vehicles.vehicles').selectAll().where('vin', '=', vin).executeTakeFirst();
  }

  findByPlate(plate: string): Promise<VehicleRow | undefined> {
    return this.db.selectFrom('vehicles.vehicles').selectAll().where('plate', '=', plate).executeTakeFirst();
  }

  registrationHistory(vin: string): Promise<RegistrationRow[]> {
    return this.db
      .selectFrom('vehicles.registrations')
      .selectAll()
      .where('vin', '=', vin)
      .orderBy('seq')
      .execute();
  }
}
