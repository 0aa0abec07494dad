import type { Registration, Vehicle } from '@civitas/contracts/registers/vehicles.ts';
import type { Kysely } from 'kysely';
import { CompiledLookup, VIN_PLACEHOLDER } from '../../db/compiled-query.ts';
import type { Database } from '../../db/schema.ts';

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

export class VehicleRegister {
  private readonly db: Kysely<Database>;
  /** The lookups every vehicle report makes, compiled once. */
  private readonly byVin: CompiledLookup<Vehicle, [vin: string]>;
  private readonly byPlate: CompiledLookup<Vehicle, [plate: string]>;
  private readonly history: CompiledLookup<Registration, [vin: string]>;

  constructor(db: Kysely<Database>) {
    this.db = db;
    this.byVin = new CompiledLookup(
      db,
      (vin) => db.selectFrom('vehicles.vehicles as v').select(VEHICLE).where('v.vin', '=', vin),
      [VIN_PLACEHOLDER],
    );
    this.byPlate = new CompiledLookup(
      db,
      (plate) => db.selectFrom('vehicles.vehicles as v').select(VEHICLE).where('v.plate', '=', plate),
      ['\u0000plate'],
    );
    this.history = new CompiledLookup(
      db,
      (vin) =>
        db.selectFrom('vehicles.registrations').select(REGISTRATION).where('vin', '=', vin).orderBy('seq'),
      [VIN_PLACEHOLDER],
    );
  }

  /** Vehicles whose latest registration record names this owner (a person's EGN or a company's EIK). */
  findByCurrentOwner(ownerId: string): Promise<Vehicle[]> {
    return this.db
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
      .execute();
  }

  findByVin(vin: string): Promise<Vehicle | undefined> {
    return this.byVin.first(vin);
  }

  findByPlate(plate: string): Promise<Vehicle | undefined> {
    return this.byPlate.first(plate);
  }

  registrationHistory(vin: string): Promise<Registration[]> {
    return this.history.rows(vin);
  }
}
