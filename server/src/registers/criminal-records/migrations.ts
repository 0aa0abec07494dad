import type { Migration } from 'kysely/migration';
import { sqlMigration } from '../../db/index.ts';

/** The criminal-records register's schema: convictions by person (most persons have none). */
export const criminalRecordMigrations: Record<string, Migration> = {
  '0831-criminal-records': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS criminal_records',
      `CREATE TABLE criminal_records.convictions (
        bulletin text PRIMARY KEY,
        egn char(10) NOT NULL,
        court text NOT NULL,
        case_number text NOT NULL,
        final_on date NOT NULL,
        offence text NOT NULL,
        sentence text NOT NULL CHECK (sentence IN ('imprisonment', 'suspended-imprisonment', 'probation', 'fine')),
        months integer CHECK (months > 0),
        fine_cents integer CHECK (fine_cents > 0),
        rehabilitated boolean NOT NULL
      )`,
      'CREATE INDEX convictions_egn_idx ON criminal_records.convictions (egn, final_on)',
    ],
    ['DROP SCHEMA criminal_records CASCADE'],
  ),
};
