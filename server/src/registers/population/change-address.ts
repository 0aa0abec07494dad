/**
 * The write service "change of current address": a municipality's decision on a person's address
 * card, recorded in one transaction with its row in the change outbox (so the wallet revokes a
 * credential that carries the old address).
 */
import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import type { Address, CurrentAddressChange } from '@civitas/contracts/registers/population.ts';
import type { Kysely } from 'kysely';
import type { Connection } from '../../db/index.ts';
import { tablesOf } from '../../db/index.ts';
import type { ServiceRequest } from '../../exchange/index.ts';
import { AppError } from '../../kernel/index.ts';
import { recordChange } from '../changes/outbox.ts';
import type { ChangeTables } from '../changes/tables.ts';
import { type Place, placeByName } from './places.ts';
import type { AddressRow, PopulationTables } from './tables.ts';

type Tables = PopulationTables & ChangeTables;

export function changeCurrentAddress(
  connection: Connection,
  now = () => new Date(),
): (change: CurrentAddressChange, request: ServiceRequest) => Promise<Address> {
  const db = tablesOf<Tables>(connection);
  return async ({ egn, address }, request) => {
    if (checkEgn(egn)) throw new AppError('invalid-personal-number');
    if (request.dataSubject && request.dataSubject !== egn)
      throw new AppError(
        'write-subject-mismatch',
        'The data subject must be the person whose address changes.',
      );
    const place = placeByName(address.municipalityName, address.settlement);
    if (!place)
      throw new AppError(
        'settlement-not-found',
        `No settlement "${address.settlement}" in the municipality "${address.municipalityName}".`,
      );
    const row = addressRow(egn, place, address, now().toISOString().slice(0, 10));
    return db.transaction().execute(async (trx) => {
      const person = await trx
        .selectFrom('population.persons')
        .select(['deceased'])
        .where('egn', '=', egn)
        .forUpdate()
        .executeTakeFirst();
      if (!person) throw new AppError('person-not-found');
      if (person.deceased) throw new AppError('person-deceased');
      if (await livesThereAlready(trx, row)) throw new AppError('address-unchanged');
      await replaceCurrentAddress(trx, row);
      await recordChange(trx, {
        register: 'population-register',
        key: egn,
        subject: egn,
        kind: 'change-of-current-addressd',
      });
      return answerOf(row);
    });
  };
}

function addressRow(
  egn: string,
  place: Place,
  address: CurrentAddressChange['address'],
  today: string,
): AddressRow {
  return {
    egn,
    kind: 'current',
    region_code: place.region.code,
    region_name: place.region.name,
    municipality_name: place.municipality.name,
    settlement_ekatte: place.settlement.ekatte,
    settlement_name: place.settlement.name,
    settlement_name_latin: place.settlementLatin,
    postcode: address.postcode,
    street: address.street,
    building: address.number,
    apartment: null,
    registered_on: today,
  };
}

async function livesThereAlready(trx: Kysely<Tables>, row: AddressRow): Promise<boolean> {
  const current = await trx
    .selectFrom('population.addresses')
    .select(['settlement_ekatte', 'street', 'building', 'postcode'])
    .where('egn', '=', row.egn)
    .where('kind', '=', 'current')
    .executeTakeFirst();
  return (
    current !== undefined &&
    current.settlement_ekatte === row.settlement_ekatte &&
    current.street === row.street &&
    current.building === row.building &&
    current.postcode === row.postcode
  );
}

async function replaceCurrentAddress(trx: Kysely<Tables>, row: AddressRow): Promise<void> {
  await trx
    .deleteFrom('population.addresses')
    .where('egn', '=', row.egn)
    .where('kind', '=', 'current')
    .execute();
  await trx.insertInto('population.addresses').values(row).execute();
}

function answerOf(row: AddressRow): Address {
  return {
    egn: row.egn,
    kind: 'current',
    regionCode: row.region_code,
    regionName: row.region_name,
    municipalityName: row.municipality_name,
    settlementEkatte: row.settlement_ekatte,
    settlementName: row.settlement_name,
    settlementNameLatin: row.settlement_name_latin,
    postcode: row.postcode,
    street: row.street,
    building: row.building,
    apartment: row.apartment,
    registeredOn: row.registered_on,
  };
}
