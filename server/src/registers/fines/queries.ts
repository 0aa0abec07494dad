import type { Fine } from '@civitas/contracts/registers/fines.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

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

export class FinesRegister {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  findByPerson(egn: string): Promise<Fine[]> {
    return this.db
      .selectFrom('fines.fines')
      .select(FINE)
      .where('egn', '=', egn)
      .orderBy('issued_on')
      .execute();
  }

  findByVin(vin: string): Promise<Fine[]> {
    return this.db
      .selectFrom('fines.fines')
      .select(FINE)
      .where('vin', '=', vin)
      .orderBy('issued_on')
      .execute();
  }
}
