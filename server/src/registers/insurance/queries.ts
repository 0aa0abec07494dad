import type { Policy } from '@civitas/contracts/registers/insurance.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import { recordsBy } from '../lookup.ts';
import type { InsuranceTables } from './tables.ts';

const POLICY = [
  'policy_number as policyNumber',
  'vin',
  'insurer',
  'starts_on as startsOn',
  'ends_on as endsOn',
  'cancelled',
] as const;

/** A vehicle's MTPL policies, oldest first. */
export function policiesByVin(connection: Connection): (vin: string) => Promise<Policy[]> {
  const db = tablesOf<InsuranceTables>(connection);
  return recordsBy(db, (vin) =>
    db.selectFrom('insurance.policies').select(POLICY).where('vin', '=', vin).orderBy('starts_on'),
  );
}
