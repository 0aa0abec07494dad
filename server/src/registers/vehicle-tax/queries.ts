import type { TaxAssessment } from '@civitas/contracts/registers/vehicle-tax.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordsBy } from '../lookup.ts';

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
export function assessmentsByVin(db: Kysely<Database>): (vin: string) => Promise<TaxAssessment[]> {
  return recordsBy(db, (vin) =>
    db.selectFrom('vehicle_tax.assessments').select(ASSESSMENT).where('vin', '=', vin).orderBy('year'),
  );
}
