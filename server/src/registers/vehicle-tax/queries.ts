import type { TaxAssessment } from '@civitas/contracts/registers/vehicle-tax.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export class VehicleTaxRegister {
  private readonly db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  findByVin(vin: string): Promise<TaxAssessment[]> {
    return this.db
      .selectFrom('vehicle_tax.assessments')
      .select([
        'vin',
        'year',
        'municipality_name as municipalityName',
        'owner_id as ownerId',
        'amount_cents as amountCents',
        'paid',
        'paid_on as paidOn',
      ])
      .where('vin', '=', vin)
      .orderBy('year')
      .execute();
  }
}
