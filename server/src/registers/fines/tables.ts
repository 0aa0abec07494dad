/** Traffic fines register (schema `fines`). Amounts in euro cents; offences as codes (`codes.ts`). */
import type { Offence } from '@civitas/contracts/registers/fines.ts';

export interface FineRow {
  number: string;
  egn: string;
  vin: string | null;
  plate: string | null;
  issued_on: string;
  issuer: string;
  offence: Offence;
  amount_cents: number;
  paid: boolean;
  paid_on: string | null;
}

export interface FineTables {
  'fines.fines': FineRow;
}
