import type { HealthInsurance } from '@civitas/contracts/registers/health-insurance.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { HealthInsuranceTables } from './tables.ts';

/** A person's record in the health insurance register. */
export function insuranceByPerson(
  connection: Connection,
): (egn: string) => Promise<HealthInsurance | undefined> {
  const db = tablesOf<HealthInsuranceTables>(connection);
  return (egn) =>
    db
      .selectFrom('health_insurance.insured_persons')
      .select([
        'egn',
        'status',
        'insured_since as insuredSince',
        'institution_id as institutionId',
        'institution_name as institutionName',
        'ehic_number as ehicNumber',
        'card_issued_on as cardIssuedOn',
        'card_valid_until as cardValidUntil',
      ])
      .where('egn', '=', egn)
      .executeTakeFirst();
}
