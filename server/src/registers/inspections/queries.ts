import type { Inspection } from '@civitas/contracts/registers/inspections.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import { recordsBy } from '../lookup.ts';
import type { InspectionTables } from './tables.ts';

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
export function inspectionsByVin(connection: Connection): (vin: string) => Promise<Inspection[]> {
  const db = tablesOf<InspectionTables>(connection);
  return recordsBy(db, (vin) =>
    db.selectFrom('inspections.inspections').select(INSPECTION).where('vin', '=', vin).orderBy('seq'),
  );
}
