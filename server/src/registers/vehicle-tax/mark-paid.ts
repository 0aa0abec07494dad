import { type TaxPayment, VEHICLE_TAX_MARK_PAID } from '@civitas/contracts/registers/vehicle-tax.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { Endpoint } from '../../exchange/index.ts';
import { writeEndpoint } from '../fines/write-endpoint.ts';
import { Missing, type Reporter } from '../provide.ts';
import type { VehicleTaxTables } from './tables.ts';

/**
 * The vehicle-tax register's write service: a year's assessment of the data subject's vehicle is
 * marked paid once; a repeated call answers the payment already recorded.
 */
export function vehicleTaxMarkPaid(connection: Connection, report: Reporter): Endpoint {
  const db = tablesOf<VehicleTaxTables>(connection);
  return writeEndpoint(
    VEHICLE_TAX_MARK_PAID,
    async ({ vin, year, paidOn }, request): Promise<TaxPayment | Missing> => {
      const row = await db
        .selectFrom('vehicle_tax.assessments')
        .select(['owner_id', 'paid', 'paid_on'])
        .where('vin', '=', vin)
        .where('year', '=', year)
        .executeTakeFirst();
      if (!row || row.owner_id !== request.dataSubject)
        return new Missing(`No vehicle tax of ${vin} for ${year} assessed to this person.`);
      if (row.paid) return { vin, year, paid: true, paidOn: row.paid_on ?? paidOn, alreadyPaid: true };
      const updated = await db
        .updateTable('vehicle_tax.assessments')
        .set({ paid: true, paid_on: paidOn })
        .where('vin', '=', vin)
        .where('year', '=', year)
        .where('paid', '=', false)
        .executeTakeFirst();
      return { vin, year, paid: true, paidOn, alreadyPaid: updated.numUpdatedRows === 0n };
    },
    report,
  );
}
