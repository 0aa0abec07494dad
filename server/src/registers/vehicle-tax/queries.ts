import type { TaxAssessment } from '@civitas/contracts/registers/vehicle-tax.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import { recordsBy } from '../lookup.ts';
import type { VehicleTaxTables } from './tables.ts';

const ASSESSMENT = [
  'vin',
  'year',
  'municipality_name as municipalityName',
  'owner_id as ownerId',
  'amount_cents as amountCents',
  'paid',
  'paid_on as paidOn',
] as const;

/** A vehicle's tax assessments, by year. */
export function assessmentsByVin(connection: Connection): (vin: string) => Promise<TaxAssessment[]> {
  const db = tablesOf<VehicleTaxTables>(connection);
  return recordsBy(db, (vin) =>
    db.selectFrom('vehicle_tax.assessments').select(ASSESSMENT).where('vin', '=', vin).orderBy('year'),
  );
}
