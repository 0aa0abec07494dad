import { makeEgn } from '@civitas/contracts/ids/egn.ts';
import { makePesel } from '@civitas/contracts/ids/pesel.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/platform.ts';
import { tablesOf } from '../../db/connection.ts';
import { ExchangeClient } from '../../exchange/client.ts';
import { eidIssuer, issueScriptingToken } from '../../identity/tokens.ts';
import type { VehicleTables } from '../vehicles/tables.ts';
import { loadInstance } from './load.ts';

/**
 * Issue 15: a second country starts from configuration alone. The registers still hold the
 * Bulgarian synthetic population (PL generators are issue 19's), so this proves the platform's
 * own wiring: exchange ids, registry, rights, personal-number checks.
 */
describe.each(testDatabases())('a Polish instance from its configuration on $name', (engine) => {
  const pl = loadInstance('pl');
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform(engine, { instance: pl, persons: 60, vehicles: 30 });
  });
  afterAll(() => platform?.close());

  it('tells the web it is Poland, in Polish, with PESEL numbers', async () => {
    const answer = await platform.app.inject({ method: 'GET', url: '/api/instance' });
    expect(answer.json()).toMatchObject({
      id: 'PL',
      defaultLocale: 'pl',
      personalNumber: { scheme: 'pesel' },
    });
  });

  it('publishes a global configuration of instance PL naming the Polish administrations', () => {
    const conf = platform.app.exchange.context.trust.conf('consumer');
    expect(conf.instance).toBe('PL');
    expect(conf.members.map((member) => member.name)).toContain('Ministerstwo Cyfryzacji');
    expect(conf.services.map((service) => service.id)).toContain(
      'PL/GOV/100000001/population-register/persons',
    );
    expect(conf.services.every((service) => service.id.startsWith('PL/'))).toBe(true);
  });

  it("answers the Polish portal's register call, under the rights a fresh installation grants it", async () => {
    const { vin } = await tablesOf<VehicleTables>(platform.database.db)
      .selectFrom('vehicles.vehicles')
      .select('vin')
      .limit(1)
      .executeTakeFirstOrThrow();
    const portal = new ExchangeClient(platform.app.exchange, pl.clients.portal);
    const service = portal.serviceId('vehicle-register', 'vehicles');
    expect(service).toBe('PL/GOV/100000001/vehicle-register/vehicles');
    const answer = await portal.get(service, `/${vin}`, {
      purpose: 'vehicle-history-report',
      legalBasis: 'road-traffic-act-art-140',
    });
    expect(answer.fault).toBeNull();
    expect(answer.status).toBe(200);
    expect((answer.body as { vin: string }).vin).toBe(vin);
  });

  it('checks personal numbers as PESEL: an EGN is refused where a PESEL passes', async () => {
    const official = platform.seeded.demoPersons[1]!;
    const token = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), official, [
      'citizen',
      'official',
    ]);
    const personCard = (personalNumber: string) =>
      platform.app.inject({
        method: 'GET',
        url: `/api/persons/${personalNumber}`,
        headers: { authorization: `Bearer ${token}` },
      });
    const egn = await personCard(makeEgn('1985-03-14', 'M', 123));
    expect(egn.statusCode).toBe(400);
    expect(egn.json()).toMatchObject({ code: 'invalid-personal-number' });
    const pesel = await personCard(makePesel('1985-03-14', 'M', 123));
    expect(pesel.json().code).not.toBe('invalid-personal-number');
  });

  it("takes the Data Tracker's person codes as PL and a PESEL", async () => {
    const findUsage = (userCode: string) =>
      platform.app.inject({ method: 'GET', url: `/api/data-tracker/v3/findUsage?userCode=${userCode}` });
    expect((await findUsage(`BG${makeEgn('1985-03-14', 'M', 123)}`)).statusCode).toBe(400);
    // Well-formed: only the missing sign-in stops it.
    expect((await findUsage(`PL${makePesel('1985-03-14', 'M', 123)}`)).statusCode).toBe(401);
  });
});
