import type { Policy } from '@civitas/contracts/registers/insurance.ts';
import type { Kysely } from 'kysely';
import { CompiledLookup, VIN_PLACEHOLDER } from '../../db/compiled-query.ts';
import type { Database } from '../../db/schema.ts';

export class InsuranceRegister {
  private readonly byVin: CompiledLookup<Policy, [vin: string]>;

  constructor(db: Kysely<Database>) {
    this.byVin = new CompiledLookup(
      db,
      (vin) =>
        db
          .selectFrom('insurance.policies')
          .select([
            'policy_number as policyNumber',
            'vin',
            'insurer',
            'starts_on as startsOn',
            'ends_on as endsOn',
            'cancelled',
          ])
          .where('vin', '=', vin)
          .orderBy('starts_on'),
      [VIN_PLACEHOLDER],
    );
  }

  findByVin(vin: string): Promise<Policy[]> {
    return this.byVin.rows(vin);
  }
}
