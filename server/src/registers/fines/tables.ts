/** Traffic fines register (schema `fines`). Amounts in euro cents. */
export interface FineRow {
  number: string;
  egn: string;
  vin: string | null;
  plate: string | null;
  issued_on: string;
  issuer: string;
  offence: string;
  amount_cents: number;
  paid: boolean;
  paid_on: string | null;
}

export interface FineTables {
  'fines.fines': FineRow;
}
