import type { CriminalRecord, RecordStatus } from '@civitas/contracts/registers/criminal-records.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { CriminalRecordTables } from './tables.ts';

/** A person's record: every conviction, the oldest first, and what a certificate would say. */
export function criminalRecordOf(connection: Connection): (egn: string) => Promise<CriminalRecord> {
  const db = tablesOf<CriminalRecordTables>(connection);
  return async (egn) => {
    const convictions = await db
      .selectFrom('criminal_records.convictions')
      .select([
        'bulletin',
        'court',
        'case_number as caseNumber',
        'final_on as finalOn',
        'offence',
        'sentence',
        'months',
        'fine_cents as fineCents',
        'rehabilitated',
      ])
      .where('egn', '=', egn)
      .orderBy('final_on')
      .orderBy('bulletin')
      .execute();
    return { egn, status: statusOf(convictions), convictions };
  };
}

/** A rehabilitated conviction is erased for the certificate: only an unerased one makes a person "convicted". */
export function statusOf(convictions: ReadonlyArray<{ rehabilitated: boolean }>): RecordStatus {
  if (convictions.length === 0) return 'no-convictions';
  return convictions.every((conviction) => conviction.rehabilitated) ? 'rehabilitated' : 'convicted';
}
