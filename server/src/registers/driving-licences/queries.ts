import type { DrivingLicence } from '@civitas/contracts/registers/driving-licences.ts';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { DrivingLicenceTables } from './tables.ts';

/** The person's current licence with its categories and restrictions, in one round trip. */
export function licenceByPerson(
  connection: Connection,
): (egn: string) => Promise<DrivingLicence | undefined> {
  const db = tablesOf<DrivingLicenceTables>(connection);
  return (egn) =>
    db
      .selectFrom('driving_licences.licences as l')
      .select([
        'l.number',
        'l.egn',
        'l.issued_on as issuedOn',
        'l.valid_until as validUntil',
        'l.issuer',
        'l.points_remaining as pointsRemaining',
        'l.status',
      ])
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('driving_licences.categories as c')
            .select(['c.licence_number as licenceNumber', 'c.category', 'c.obtained_on as obtainedOn'])
            .whereRef('c.licence_number', '=', 'l.number')
            .orderBy('c.obtained_on')
            .orderBy('c.category'),
        ).as('categories'),
      )
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('driving_licences.restrictions as r')
            .select(['r.code', 'r.category'])
            .whereRef('r.licence_number', '=', 'l.number')
            .orderBy('r.code')
            .orderBy('r.category'),
        ).as('restrictions'),
      )
      .where('l.egn', '=', egn)
      .orderBy('l.issued_on', 'desc')
      .limit(1)
      .executeTakeFirst();
}
