/**
 * The register changes staff make, each in one transaction with its row in the change outbox:
 * the police suspend or restore a driving licence, an official records a death or registers a
 * vehicle to its new owner. The wallet's status worker follows the outbox and revokes the
 * credentials made from the changed record.
 */
import crypto from 'node:crypto';
import type { RegisterChangeResult } from '@civitas/contracts/api/register-changes.ts';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import { AppError } from '../../kernel/index.ts';
import type { DrivingLicenceTables } from '../driving-licences/tables.ts';
import type { PopulationTables } from '../population/tables.ts';
import type { VehicleTables } from '../vehicles/tables.ts';
import { recordChange } from './outbox.ts';
import type { ChangeTables } from './tables.ts';

export type ChangeServiceTables = DrivingLicenceTables & PopulationTables & VehicleTables & ChangeTables;
type Kind = RegisterChangeResult['kind'];

/** Today in UTC, as an ISO date. */
function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

async function recorded(
  trx: Kysely<ChangeServiceTables>,
  change: { register: string; key: string; subject: string | null; kind: Kind },
): Promise<RegisterChangeResult> {
  const changeId = await recordChange(trx, change);
  const { at } = await trx
    .selectFrom('registers.changes')
    .select('at')
    .where('id', '=', String(changeId))
    .executeTakeFirstOrThrow();
  return {
    register: change.register,
    key: change.key,
    kind: change.kind,
    changeId,
    at: new Date(at).toISOString(),
  };
}

export interface RegisterChanges {
  suspendLicence(number: string): Promise<RegisterChangeResult>;
  restoreLicence(number: string): Promise<RegisterChangeResult>;
  recordDeath(egn: string, deathDate: string): Promise<RegisterChangeResult>;
  registerNewOwner(vin: string, ownerId: string, eventDate: string): Promise<RegisterChangeResult>;
}

/** The changes, on a connection (each runs in its own transaction). */
export function registerChangeService(connection: Connection, now = () => new Date()): RegisterChanges {
  const db = tablesOf<ChangeServiceTables>(connection);
  const licenceStatus =
    (to: 'suspended' | 'valid', from: 'valid' | 'suspended', kind: Kind) => (number: string) =>
      db.transaction().execute(async (trx) => {
        const licence = await trx
          .selectFrom('driving_licences.licences')
          .select(['egn', 'status'])
          .where('number', '=', number)
          .forUpdate()
          .executeTakeFirst();
        if (!licence) throw new AppError('licence-not-found');
        if (licence.status !== from)
          throw new AppError(from === 'valid' ? 'licence-not-valid' : 'licence-not-suspended');
        await trx
          .updateTable('driving_licences.licences')
          .set({ status: to })
          .where('number', '=', number)
          .execute();
        return recorded(trx, { register: 'driving-licences', key: number, subject: licence.egn, kind });
      });
  return {
    suspendLicence: licenceStatus('suspended', 'valid', 'licence-suspended'),
    restoreLicence: licenceStatus('valid', 'suspended', 'licence-restored'),
    recordDeath: (egn, deathDate) =>
      db.transaction().execute(async (trx) => {
        const person = await trx
          .selectFrom('population.persons')
          .select(['birth_date', 'deceased'])
          .where('egn', '=', egn)
          .forUpdate()
          .executeTakeFirst();
        if (!person) throw new AppError('person-not-found');
        if (person.deceased) throw new AppError('person-already-deceased');
        if (deathDate > today(now()) || deathDate < person.birth_date)
          throw new AppError('death-date-invalid');
        await trx
          .updateTable('population.persons')
          .set({ deceased: true, death_date: deathDate })
          .where('egn', '=', egn)
          .execute();
        return recorded(trx, {
          register: 'population-register',
          key: egn,
          subject: egn,
          kind: 'person-deceased',
        });
      }),
    registerNewOwner: (vin, ownerId, eventDate) =>
      db.transaction().execute((trx) => newOwner(trx, { vin, ownerId, eventDate, today: today(now()) })),
  };
}

/** Registers a vehicle to its new owner, in the caller's transaction (the staff change and the e-service's transfer). */
export async function newOwner(
  trx: Kysely<ChangeServiceTables>,
  change: { vin: string; ownerId: string; eventDate: string; today: string },
): Promise<RegisterChangeResult> {
  const { vin, ownerId, eventDate } = change;
  const vehicle = await trx
    .selectFrom('vehicles.vehicles')
    .select(['status', 'plate'])
    .where('vin', '=', vin)
    .forUpdate()
    .executeTakeFirst();
  if (!vehicle) throw new AppError('vehicle-record-not-found');
  if (vehicle.status !== 'registered') throw new AppError('vehicle-not-registered');
  const last = await trx
    .selectFrom('vehicles.registrations')
    .selectAll()
    .where('vin', '=', vin)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  if (last.owner_kind === 'person' && last.owner_id === ownerId)
    throw new AppError('vehicle-owner-unchanged');
  if (eventDate > change.today || eventDate < last.event_date) throw new AppError('event-date-invalid');
  const owner = await trx
    .selectFrom('population.persons')
    .select('deceased')
    .where('egn', '=', ownerId)
    .executeTakeFirst();
  if (!owner || owner.deceased) throw new AppError('new-owner-not-found');
  const certificate = String(crypto.randomInt(100_000_000, 1_000_000_000));
  await trx
    .insertInto('vehicles.registrations')
    .values({
      vin,
      seq: last.seq + 1,
      event: 'change_of_owner',
      event_date: eventDate,
      plate: vehicle.plate,
      owner_kind: 'person',
      owner_id: ownerId,
      owner_name: null,
      certificate_number: certificate,
    })
    .execute();
  await trx
    .updateTable('vehicles.vehicles')
    .set({ registration_certificate_number: certificate })
    .where('vin', '=', vin)
    .execute();
  const previous = last.owner_kind === 'person' ? last.owner_id : null;
  return recorded(trx, {
    register: 'vehicle-register',
    key: vin,
    subject: previous,
    kind: 'vehicle-reregistered',
  });
}
