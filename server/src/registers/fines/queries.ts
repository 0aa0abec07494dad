import type { Fine } from '@civitas/contracts/registers/fines.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import { recordsBy } from '../lookup.ts';
import type { FineTables } from './tables.ts';

const FINE = [
  'number',
  'egn',
  'vin',
  'plate',
  'issued_on as issuedOn',
  'issuer',
  'offence',
  'amount_cents as amountCents',
  'paid',
  'paid_on as paidOn',
] as const;

/** Fines by offender (`egn`) or by vehicle (`vin`), oldest first. */
export function finesBy(connection: Connection, key: 'egn' | 'vin'): (value: string) => Promise<Fine[]> {
  const db = tablesOf<FineTables>(connection);
  return recordsBy(db, (value) =>
    db.selectFrom('fines.fines').select(FINE).where(key, '=', value).orderBy('issued_on'),
  );
}
