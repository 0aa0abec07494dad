import { FINES_MARK_PAID, type FinePayment } from '@civitas/contracts/registers/fines.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { Endpoint } from '../../exchange/index.ts';
import { Missing, type Reporter } from '../provide.ts';
import type { FineTables } from './tables.ts';
import { writeEndpoint } from './write-endpoint.ts';

/**
 * The fines register's write service: a fine is marked paid once; a second call (a provider's
 * retried notification) answers the payment already recorded. Only a fine of the data subject
 * the request names is found: a payer cannot mark someone else's fine paid under their own name.
 */
export function finesMarkPaid(connection: Connection, report: Reporter): Endpoint {
  const db = tablesOf<FineTables>(connection);
  return writeEndpoint(
    FINES_MARK_PAID,
    async ({ number, paidOn }, request): Promise<FinePayment | Missing> => {
      const fine = await db
        .selectFrom('fines.fines')
        .select(['number', 'egn', 'paid', 'paid_on'])
        .where('number', '=', number)
        .executeTakeFirst();
      if (!fine || fine.egn !== request.dataSubject) return new Missing(`No fine ${number} of this person.`);
      if (fine.paid) return { number, paid: true, paidOn: fine.paid_on ?? paidOn, alreadyPaid: true };
      const updated = await db
        .updateTable('fines.fines')
        .set({ paid: true, paid_on: paidOn })
        .where('number', '=', number)
        .where('paid', '=', false)
        .executeTakeFirst();
      // A concurrent call won the race: its payment is the one recorded.
      return { number, paid: true, paidOn, alreadyPaid: updated.numUpdatedRows === 0n };
    },
    report,
  );
}
