import type { Inspection } from '@civitas/contracts/registers/inspections.ts';
import type { Kysely } from 'kysely';
import { CompiledLookup, VIN_PLACEHOLDER } from '../../db/compiled-query.ts';
import type { Database } from '../../db/schema.ts';

export class InspectionsRegister {
  private readonly byVin: CompiledLookup<Inspection, [vin: string]>;

  constructor(db: Kysely<Database>) {
    this.byVin = new CompiledLookup(
      db,
      (vin) =>
        db
          .selectFrom('inspections.inspections')
          .select([
            'vin',
            'seq',
            'inspected_on as inspectedOn',
            'station_code as stationCode',
            'station_name as stationName',
            'result',
            'odometer_km as odometerKm',
            'next_due as nextDue',
            'protocol_number as protocolNumber',
          ])
          .where('vin', '=', vin)
          .orderBy('seq'),
      [VIN_PLACEHOLDER],
    );
  }

  findByVin(vin: string): Promise<Inspection[]> {
    return this.byVin.rows(vin);
  }
}
