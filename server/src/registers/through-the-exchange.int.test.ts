/**
 * Issue 18's registers as the e-services reach them: through the exchange, signed, checked
 * against access rights, logged. The write services change the registers (and the change
 * outbox); the commercial register answers who may represent a company, and the exchange
 * refuses a request for a company its user may not represent.
 */
import { makeEik } from '@civitas/contracts/ids/eik.ts';
import { COMMERCIAL_REGISTER, REPRESENTATION_CHECK } from '@civitas/contracts/registers/commercial.ts';
import {
  CRIMINAL_RECORD_CERTIFICATE,
  CRIMINAL_RECORDS,
} from '@civitas/contracts/registers/criminal-records.ts';
import { CURRENT_ADDRESS_CHANGE, PERSONS } from '@civitas/contracts/registers/population.ts';
import { VEHICLE_OWNERSHIP_TRANSFER, VEHICLES } from '@civitas/contracts/registers/vehicles.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { tablesOf } from '../db/connection.ts';
import { type CallContext, ExchangeClient, exchangeLogs } from '../exchange/index.ts';
import { registerChanges } from './changes/outbox.ts';
import type { CommercialTables } from './commercial/tables.ts';
import type { CriminalRecordTables } from './criminal-records/tables.ts';
import type { PopulationTables } from './population/tables.ts';
import type { VehicleTables } from './vehicles/tables.ts';

const OWN_DATA = { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' } as const;

describe.each(testDatabases())('the e-services registers through the exchange on $name', (engine) => {
  let platform: TestPlatform;
  let portal: ExchangeClient;
  let people: string[];
  let tables: ReturnType<
    typeof tablesOf<PopulationTables & VehicleTables & CommercialTables & CriminalRecordTables>
  >;

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    portal = new ExchangeClient(platform.app.exchange, platform.app.instance.clients.portal);
    people = platform.seeded.demoPersons;
    tables = tablesOf(platform.database.db);
  });
  afterAll(() => platform?.close());

  /** A raw call through the portal's node: status, problem code or fault, and the message id. */
  async function raw(
    method: 'GET' | 'POST',
    endpoint: { subsystem: string; service: string },
    path: string,
    context: CallContext,
    body?: unknown,
  ) {
    const headers: Record<string, string> = {
      'x-road-client': platform.app.instance.clients.portal,
      'x-road-purpose': context.purpose,
      'x-road-legal-basis': context.legalBasis,
    };
    if (context.dataSubject) headers['x-road-data-subject'] = context.dataSubject;
    if (context.userId) headers['x-road-userid'] = context.userId;
    if (context.representedParty) headers['x-road-represented-party'] = context.representedParty;
    const reply = await platform.app.exchange.consume({
      method,
      service: portal.serviceId(endpoint.subsystem, endpoint.service),
      path,
      query: '',
      headers,
      body:
        body === undefined
          ? Buffer.alloc(0)
          : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    });
    const parsed = JSON.parse(reply.body.toString('utf8')) as { code?: string; type?: string };
    return {
      status: reply.status,
      code: parsed.code ?? null,
      fault: reply.headers['x-road-error'] ?? null,
      messageId: reply.headers['x-road-id']!,
      body: parsed,
    };
  }

  /** The provider side's record of a message, as the exchange hands its log out. */
  async function providerLog(messageId: string) {
    const log = exchangeLogs(platform.database.db).messages;
    for (let cursor = 0; ; ) {
      const page = await log.readAfter(cursor, 10_000);
      const record = page.find((message) => message.message_id === messageId && message.side === 'provider');
      if (record) return record;
      if (page.length === 0) throw new Error(`no provider record of ${messageId}`);
      cursor = page.at(-1)!.seq;
    }
  }

  describe('change of current address (population register, POST)', () => {
    const address = {
      municipalityName: 'Пловдив',
      settlement: 'Пловдив',
      street: 'ул. „Княз Александър I“',
      number: '42, вх. Б',
      postcode: '4000',
    };
    const change = (egn: string, changes: Partial<typeof address> = {}) => ({
      egn,
      address: { ...address, ...changes },
    });
    const asMunicipality = (egn: string): CallContext => ({ ...CURRENT_ADDRESS_CHANGE, dataSubject: egn });

    it('records the new current address, answers it, and puts the change in the outbox', async () => {
      const egn = people[3]!;
      const before = (await registerChanges(platform.database.db).readAfter(0, 10_000)).length;
      const answer = await portal.submit(
        PERSONS.endpoints['change-current-address'],
        {},
        change(egn),
        asMunicipality(egn),
      );
      expect(answer.ok).toBe(true);
      expect(answer.body).toMatchObject({
        egn,
        kind: 'current',
        municipalityName: 'Пловдив',
        settlementName: 'Пловдив',
        settlementEkatte: '56784',
        regionCode: 'BG-16',
        street: address.street,
        building: address.number,
        postcode: '4000',
      });
      // The register now shows it to anyone who may read it (here the person themself).
      const addresses = await portal.call(
        PERSONS.endpoints.addresses,
        { egn },
        { ...OWN_DATA, dataSubject: egn },
      );
      expect(addresses.find((row) => row.kind === 'current')).toEqual(answer.body);
      const changes = await registerChanges(platform.database.db).readAfter(0, 10_000);
      expect(changes.length).toBe(before + 1);
      expect(changes.at(-1)).toMatchObject({
        register: 'population-register',
        key: egn,
        subject: egn,
        kind: 'change-of-current-addressd',
      });
      const logged = await providerLog(answer.messageId);
      expect(logged).toMatchObject({ data_subject: egn, purpose: 'change-of-current-address', status: 200 });
      // The same address again changes nothing.
      const again = await raw('POST', PERSONS, '/change-current-address', asMunicipality(egn), change(egn));
      expect([again.status, again.code]).toEqual([409, 'address-unchanged']);
    });

    it('is refused for a read purpose the client also holds (a right to read is no right to write)', async () => {
      const egn = people[3]!;
      const answer = await raw(
        'POST',
        PERSONS,
        '/change-current-address',
        { ...OWN_DATA, dataSubject: egn },
        change(egn),
      );
      expect([answer.status, answer.code]).toEqual([403, 'write-purpose-not-allowed']);
    });

    it.each([
      ['a control character in the street', { street: 'ул. Шипка\u0000 5' }, 400, 'write-request-invalid'],
      ['a newline in the number', { number: '5\nап. 3' }, 400, 'write-request-invalid'],
      ['an empty street', { street: '' }, 400, 'write-request-invalid'],
      ['a postcode of letters', { postcode: 'ABCD' }, 400, 'write-request-invalid'],
      ['a settlement not in the municipality', { settlement: 'Варна' }, 404, 'settlement-not-found'],
    ] as const)('refuses %s', async (_what, changes, status, code) => {
      const egn = people[5]!;
      const answer = await raw(
        'POST',
        PERSONS,
        '/change-current-address',
        asMunicipality(egn),
        change(egn, changes),
      );
      expect([answer.status, answer.code]).toEqual([status, code]);
    });

    it('refuses a body that is not JSON, an extra field, an unknown person, a deceased one, another data subject', async () => {
      const egn = people[5]!;
      const path = '/change-current-address';
      expect((await raw('POST', PERSONS, path, asMunicipality(egn), '{"egn":')).code).toBe(
        'write-request-invalid',
      );
      expect(
        (await raw('POST', PERSONS, path, asMunicipality(egn), { ...change(egn), note: 'x' })).code,
      ).toBe('write-request-invalid');
      const nobody = '8001010008';
      const unknown = await raw('POST', PERSONS, path, asMunicipality(nobody), change(nobody));
      expect([unknown.status, unknown.code]).toEqual([404, 'person-not-found']);
      const dead = await tables
        .selectFrom('population.persons')
        .select('egn')
        .where('deceased', '=', true)
        .executeTakeFirstOrThrow();
      const deceased = await raw('POST', PERSONS, path, asMunicipality(dead.egn), change(dead.egn));
      expect([deceased.status, deceased.code]).toEqual([409, 'person-deceased']);
      const mismatch = await raw('POST', PERSONS, path, asMunicipality(people[6]!), change(egn));
      expect([mismatch.status, mismatch.code]).toEqual([400, 'write-subject-mismatch']);
    });
  });

  describe('transfer of a vehicle registration (vehicle register, POST)', () => {
    const asTransfer = (seller: string): CallContext => ({
      ...VEHICLE_OWNERSHIP_TRANSFER,
      dataSubject: seller,
    });

    it("registers the vehicle to the buyer, and the seller's registration is in the outbox", async () => {
      const seller = people[0]!;
      const [vehicle] = await portal.call(
        VEHICLES.endpoints.byOwner,
        { ownerId: seller },
        { ...OWN_DATA, dataSubject: seller },
      );
      const buyer = people[2]!;
      const answer = await portal.submit(
        VEHICLES.endpoints['transfer-registration'],
        {},
        { vin: vehicle!.vin.toLowerCase(), fromOwnerId: seller, toOwnerId: buyer, date: '2026-11-20' },
        asTransfer(seller),
      );
      expect(answer.ok).toBe(true);
      expect(answer.body).toMatchObject({
        vin: vehicle!.vin,
        event: 'change_of_owner',
        eventDate: '2026-11-20',
        ownerKind: 'person',
        ownerId: buyer,
        plate: vehicle!.plate,
      });
      const owned = await portal.call(
        VEHICLES.endpoints.byOwner,
        { ownerId: buyer },
        { ...OWN_DATA, dataSubject: buyer },
      );
      expect(owned.map((row) => row.vin)).toContain(vehicle!.vin);
      const [last] = (await registerChanges(platform.database.db).readAfter(0, 10_000)).slice(-1);
      expect(last).toMatchObject({
        register: 'vehicle-register',
        key: vehicle!.vin,
        subject: seller,
        kind: 'vehicle-reregistered',
      });
      // The seller no longer owns it: selling it again is refused.
      const again = await raw('POST', VEHICLES, '/transfer-registration', asTransfer(seller), {
        vin: vehicle!.vin,
        fromOwnerId: seller,
        toOwnerId: people[3]!,
        date: '2026-11-21',
      });
      expect([again.status, again.code]).toEqual([409, 'vehicle-not-owned-by-seller']);
    });

    it('refuses an unknown vehicle, a buyer nobody is, a date in the future, control characters, a read purpose', async () => {
      const seller = people[0]!;
      const [vehicle] = await portal.call(
        VEHICLES.endpoints.byOwner,
        { ownerId: seller },
        { ...OWN_DATA, dataSubject: seller },
      );
      const transfer = { vin: vehicle!.vin, fromOwnerId: seller, toOwnerId: people[2]!, date: '2026-11-20' };
      const post = (body: unknown, context = asTransfer(seller)) =>
        raw('POST', VEHICLES, '/transfer-registration', context, body);
      const cases: Array<[unknown, number, string]> = [
        [{ ...transfer, vin: 'WVWZZZ1KZ6W000001' }, 404, 'vehicle-record-not-found'],
        [{ ...transfer, vin: 'NOT-A-VIN' }, 400, 'invalid-vin'],
        [{ ...transfer, vin: `${vehicle!.vin.slice(0, 16)}\u0007` }, 400, 'write-request-invalid'],
        [{ ...transfer, toOwnerId: '8001010008' }, 404, 'new-owner-not-found'],
        [{ ...transfer, toOwnerId: '1234567890' }, 400, 'invalid-personal-number'],
        [{ ...transfer, toOwnerId: seller }, 409, 'vehicle-owner-unchanged'],
        [{ ...transfer, date: '2999-01-01' }, 400, 'event-date-invalid'],
        [{ ...transfer, date: 'yesterday' }, 400, 'write-request-invalid'],
      ];
      for (const [body, status, code] of cases) {
        const answer = await post(body);
        expect([answer.status, answer.code], JSON.stringify(body)).toEqual([status, code]);
      }
      const read = await post(transfer, { ...OWN_DATA, dataSubject: seller });
      expect([read.status, read.code]).toEqual([403, 'write-purpose-not-allowed']);
    });
  });

  describe('the commercial register and X-Road-Represented-Party', () => {
    let company: string;

    beforeAll(async () => {
      const row = await tables
        .selectFrom('commercial.representatives')
        .select('eik')
        .where('egn', '=', people[0]!)
        .executeTakeFirstOrThrow();
      company = row.eik;
    });

    it("lists the companies the demo citizen represents, and the company's record", async () => {
      const citizen = people[0]!;
      const mine = await portal.call(
        COMMERCIAL_REGISTER.endpoints.byRepresentative,
        { egn: citizen },
        { ...OWN_DATA, dataSubject: citizen },
      );
      expect(mine).toContainEqual(
        expect.objectContaining({
          eik: company,
          legalForm: 'eood',
          status: 'active',
          role: 'manager',
          alone: true,
        }),
      );
      const record = await portal.call(
        COMMERCIAL_REGISTER.endpoints.byEik,
        { eik: company },
        { ...OWN_DATA, dataSubject: citizen },
      );
      expect(record.representatives).toEqual([expect.objectContaining({ egn: citizen, alone: true })]);
      const check = await portal.call(
        COMMERCIAL_REGISTER.endpoints.representative,
        { eik: company, egn: people[1]! },
        { ...REPRESENTATION_CHECK, dataSubject: people[1]! },
      );
      expect(check).toMatchObject({ mayRepresent: false, role: null, companyStatus: 'active' });
      const malformed = await raw('GET', COMMERCIAL_REGISTER, '/by-eik/123456789', {
        ...OWN_DATA,
        dataSubject: citizen,
      });
      expect([malformed.status, malformed.code]).toEqual([400, 'invalid-eik']);
    });

    it('passes a request for the company made by its representative, and logs the party on the message', async () => {
      const citizen = people[0]!;
      const context = { ...OWN_DATA, dataSubject: citizen, userId: citizen };
      for (const party of [`COM/${company}`, company, `BG/COM/${company}`]) {
        const answer = await raw('GET', CRIMINAL_RECORDS, `/by-person/${citizen}`, {
          ...context,
          representedParty: party,
        });
        expect(answer.status, party).toBe(200);
        expect((await providerLog(answer.messageId)).represented_party).toBe(party);
      }
    });

    it('refuses another person, an unknown EIK, a malformed party, a party without a user', async () => {
      const other = people[1]!;
      const context = { ...OWN_DATA, dataSubject: other, userId: other };
      const path = `/by-person/${other}`;
      const cases: Array<[CallContext, number, string]> = [
        [
          { ...context, representedParty: `COM/${company}` },
          403,
          'Server.ServerProxy.RepresentedPartyNotAllowed',
        ],
        [
          { ...context, representedParty: `COM/${makeEik(99_999_998)}` },
          403,
          'Server.ServerProxy.RepresentedPartyUnknown',
        ],
        [
          { ...context, representedParty: 'COM/123456789' },
          403,
          'Server.ServerProxy.RepresentedPartyUnknown',
        ],
        [
          { ...context, representedParty: `GOV/${company}` },
          403,
          'Server.ServerProxy.RepresentedPartyUnknown',
        ],
        [{ ...context, representedParty: 'a/b/c/d' }, 400, 'Client.InvalidRepresentedParty'],
        [
          { ...context, userId: null, representedParty: `COM/${company}` },
          400,
          'Client.InvalidRepresentedParty',
        ],
      ];
      for (const [asked, status, fault] of cases) {
        const answer = await raw('GET', CRIMINAL_RECORDS, path, asked);
        expect([answer.status, answer.fault], asked.representedParty ?? '').toEqual([status, fault]);
        const logged = await providerLog(answer.messageId);
        expect(logged).toMatchObject({ error_type: fault, represented_party: asked.representedParty });
      }
    });
  });

  describe('the criminal-records register', () => {
    it('answers "no convictions" for the demo citizen and the convictions of a convicted person', async () => {
      const citizen = people[0]!;
      const own = await portal.call(
        CRIMINAL_RECORDS.endpoints.byPerson,
        { egn: citizen },
        { ...CRIMINAL_RECORD_CERTIFICATE, dataSubject: citizen },
      );
      expect(own).toEqual({ egn: citizen, status: 'no-convictions', convictions: [] });
      const convicted = await tables
        .selectFrom('criminal_records.convictions')
        .select('egn')
        .where('rehabilitated', '=', false)
        .executeTakeFirstOrThrow();
      const record = await portal.call(
        CRIMINAL_RECORDS.endpoints.byPerson,
        { egn: convicted.egn },
        { ...CRIMINAL_RECORD_CERTIFICATE, dataSubject: convicted.egn },
      );
      expect(record.status).toBe('convicted');
      expect(record.convictions.length).toBeGreaterThan(0);
      const nobody = await raw('GET', CRIMINAL_RECORDS, '/by-person/8001010008', {
        ...CRIMINAL_RECORD_CERTIFICATE,
        dataSubject: '8001010008',
      });
      expect(nobody.status).toBe(404);
    });
  });
});
