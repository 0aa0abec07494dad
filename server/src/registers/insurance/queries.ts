import type { Policy } from '@civitas/contracts/registers/insurance.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordsBy } from '../lookup.ts';

const POLICY = [
  'policy_number as policyNumber',
  'vin',
  'insurer',
  'starts_on as startsOn',
  'ends_on as endsOn',
  'cancelled',
] as const;

/** A vehicle's MTPL policies, oldest first. */
export function policiesByVin(db: Kysely<Database>): (vin: string) => Promise<Policy[]> {
  return recordsBy(db, (vin) =>
    db.selectFrom('insurance.policies').select(POLICY).where('vin', '=', vin).orderBy('starts_on'),
  );
}
