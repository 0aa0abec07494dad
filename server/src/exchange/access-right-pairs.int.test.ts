import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { PORTAL_CLIENT, serviceId } from '../../test/instance.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { tablesOf } from '../db/connection.ts';
import { mergeMigrations, migrateToLatest, migratorFor } from '../db/migrate.ts';
import { MIGRATIONS } from '../migrations.ts';
import type { ExchangeTables } from './tables.ts';

const PAIRS_MIGRATION = '0510-exchange-access-right-pairs';
const PERSONS = serviceId('population-register', 'persons');
const VEHICLES = serviceId('vehicle-register', 'vehicles');

/** What the first start granted the portal on every service before rights were pairs. */
const OLD_PORTAL_PURPOSES = [
  'data-subject-access',
  'e-service: resident parking permit',
  'vehicle history report',
  'authentication',
  'identity verification',
  'address verification',
];
const OLD_PORTAL_BASES = [
  'GDPR Art. 15',
  'GDPR Art. 6(1)(e); e-Government Act, Art. 2',
  'Ordinance on parking in Sofia, Art. 35',
  'Road Traffic Act, Art. 140',
  'Civil Registration Act, Art. 106',
];

describe.each(testDatabases())('access rights from separate lists to pairs, on $name', (engine) => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await engine.open();
    // Back to the schema just before the pairs (undoing every later migration too).
    const names = Object.keys(mergeMigrations(MIGRATIONS)).sort();
    const before = names[names.indexOf(PAIRS_MIGRATION) - 1]!;
    const { error } = await migratorFor(database.db, MIGRATIONS).migrateTo(before);
    expect(error).toBeUndefined();
    const right = (
      id: string,
      client: string,
      service: string,
      purposes: string[],
      bases: string[],
      by: string,
    ) =>
      sql`INSERT INTO exchange.access_rights (id, client, service_id, endpoint, purposes, legal_bases, granted_by)
        VALUES (${id}, ${client}, ${service}, NULL, ${purposes}, ${bases}, ${by})`.execute(database.db);
    await right(
      'portal-persons',
      PORTAL_CLIENT,
      PERSONS,
      OLD_PORTAL_PURPOSES,
      OLD_PORTAL_BASES,
      'system:bootstrap',
    );
    await right(
      'portal-vehicles',
      PORTAL_CLIENT,
      VEHICLES,
      OLD_PORTAL_PURPOSES,
      OLD_PORTAL_BASES,
      'system:bootstrap',
    );
    await right(
      'admin-granted',
      'BG/GOV/000695235/traffic-fines',
      VEHICLES,
      ['vehicle history report', 'traffic control'],
      ['Road Traffic Act, Art. 140'],
      '8001010000',
    );
    await migrateToLatest(database.db, MIGRATIONS);
  });
  afterAll(() => database?.close());

  async function pairsOf(id: string) {
    const row = await tablesOf<ExchangeTables>(database.db)
      .selectFrom('exchange.access_rights')
      .select('pairs')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.pairs;
  }

  it("turns the portal's first-start rights into its default pairs: no purpose on any basis any more", async () => {
    expect(await pairsOf('portal-persons')).toEqual([
      { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' },
      { purpose: 'authentication', legalBasis: 'e-government-act-art-2' },
      { purpose: 'resident-parking-permit', legalBasis: 'sofia-parking-ordinance-art-35' },
      { purpose: 'signing-certificate-issuance', legalBasis: 'eidas-regulation-art-24' },
      // The declared e-services' own pairs (issue 18).
      { purpose: 'child-birth-benefit', legalBasis: 'family-allowances-act-art-6' },
      { purpose: 'ehic-request', legalBasis: 'regulation-883-2004-art-19' },
      { purpose: 'change-of-current-address', legalBasis: 'civil-registration-act-art-92' },
      { purpose: 'vehicle-registration-transfer', legalBasis: 'road-traffic-act-art-145' },
      { purpose: 'certificate-of-no-criminal-record', legalBasis: 'criminal-records-ordinance' },
      { purpose: 'company-good-standing-certificate', legalBasis: 'commercial-register-act-art-11' },
    ]);
    const vehicles = await pairsOf('portal-vehicles');
    expect(vehicles).toContainEqual({
      purpose: 'vehicle-history-report',
      legalBasis: 'road-traffic-act-art-140',
    });
    expect(vehicles).not.toContainEqual({ purpose: 'vehicle-history-report', legalBasis: 'gdpr-art-15' });
    expect(vehicles.some((pair) => pair.purpose === 'address-verification')).toBe(false);
  });

  it('keeps exactly what any other right allowed, in codes where the catalogue has them', async () => {
    expect(await pairsOf('admin-granted')).toEqual([
      { purpose: 'vehicle-history-report', legalBasis: 'road-traffic-act-art-140' },
      { purpose: 'traffic control', legalBasis: 'road-traffic-act-art-140' },
    ]);
  });

  it('writes every conversion to the admin log', async () => {
    const logged = await tablesOf<ExchangeTables>(database.db)
      .selectFrom('exchange.admin_log')
      .select(['actor', 'subject', 'details'])
      .where('action', '=', 'access-right.converted')
      .orderBy('subject')
      .execute();
    expect(logged.map((row) => [row.actor, row.subject])).toEqual([
      ['system:migration', 'admin-granted'],
      ['system:migration', 'portal-persons'],
      ['system:migration', 'portal-vehicles'],
    ]);
    expect(JSON.parse(logged[0]!.details)).toMatchObject({
      before: { purposes: ['vehicle history report', 'traffic control'] },
    });
  });
});
