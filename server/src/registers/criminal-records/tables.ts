/** Criminal-records register (schema `criminal_records`): one row per conviction. */
import type { Offence, Sentence } from '@civitas/contracts/registers/criminal-records.ts';

export interface ConvictionRow {
  bulletin: string;
  egn: string;
  court: string;
  case_number: string;
  final_on: string;
  offence: Offence;
  sentence: Sentence;
  months: number | null;
  fine_cents: number | null;
  rehabilitated: boolean;
}

export interface CriminalRecordTables {
  'criminal_records.convictions': ConvictionRow;
}
