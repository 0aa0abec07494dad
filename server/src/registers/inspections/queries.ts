import type { Inspection } from '@civitas/contracts/registers/inspections.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordsBy } from '../lookup.ts';

const INSPECTION = [
  'vin',
  'seq',
  'inspected_on as inspectedOn',
  'station_code as stationCode',
  'station_name as stationName',
  'result',
  'odometer_km as odometerKm',
  'next_due as nextDue',
  'protocol_number as protocolNumber',
] as const;

/** A vehicle's inspections, in the order they were made. */
export function inspectionsByVin(db: Kysely<Database>): (vin: string) => Promise<Inspection[]> {
  return recordsBy(db, (vin) =>
    db.selectFrom('inspections.inspections').select(INSPECTION).where('vin', '=', vin).orderBy('seq'),
  );
}
