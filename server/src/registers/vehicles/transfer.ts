/**
 * The write service "transfer of a vehicle's registration": on the e-service's approval (the
 * seller applied, the buyer counter-signed) the vehicle is registered to the buyer, in one
 * transaction with its row in the change outbox, so the wallet revokes the seller's
 * registration credential.
 */

import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import { checkVin } from '@civitas/contracts/ids/vin.ts';
import type { Registration, RegistrationTransfer } from '@civitas/contracts/registers/vehicles.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { ServiceRequest } from '../../exchange/index.ts';
import { AppError } from '../../kernel/index.ts';
import { type ChangeServiceTables, newOwner } from '../changes/service.ts';

export function transferRegistration(
  connection: Connection,
  now = () => new Date(),
): (transfer: RegistrationTransfer, request: ServiceRequest) => Promise<Registration> {
  const db = tablesOf<ChangeServiceTables>(connection);
  return async ({ vin: written, fromOwnerId, toOwnerId, date }, request) => {
    const vin = written.toUpperCase();
    if (checkVin(vin)) throw new AppError('invalid-vin');
    if (checkEgn(fromOwnerId) || checkEgn(toOwnerId)) throw new AppError('invalid-personal-number');
    if (request.dataSubject && request.dataSubject !== fromOwnerId && request.dataSubject !== toOwnerId)
      throw new AppError('write-subject-mismatch', 'The data subject must be the seller or the buyer.');
    return db.transaction().execute(async (trx) => {
      const vehicle = await trx
        .selectFrom('vehicles.vehicles')
        .select('vin')
        .where('vin', '=', vin)
        .forUpdate()
        .executeTakeFirst();
      if (!vehicle) throw new AppError('vehicle-record-not-found');
      const current = await trx
        .selectFrom('vehicles.registrations')
        .select(['owner_kind', 'owner_id'])
        .where('vin', '=', vin)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      if (current.owner_kind !== 'person' || current.owner_id !== fromOwnerId)
        throw new AppError('vehicle-not-owned-by-seller');
      await newOwner(trx, {
        vin,
        ownerId: toOwnerId,
        eventDate: date,
        today: now().toISOString().slice(0, 10),
      });
      const registration = await trx
        .selectFrom('vehicles.registrations')
        .select([
          'vin',
          'seq',
          'event',
          'event_date as eventDate',
          'plate',
          'owner_kind as ownerKind',
          'owner_id as ownerId',
          'owner_name as ownerName',
          'certificate_number as certificateNumber',
        ])
        .where('vin', '=', vin)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      return registration;
    });
  };
}
