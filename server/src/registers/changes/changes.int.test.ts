import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/platform.ts';
import { createCredentialSource } from '../../capabilities/wallet/index.ts';
import { ExchangeClient } from '../../exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../../identity/tokens.ts';
import { AppError } from '../../kernel/index.ts';
import { licenceByPerson } from '../driving-licences/queries.ts';
import { populationQueries } from '../population/queries.ts';
import { vehicleQueries } from '../vehicles/queries.ts';
import { registerChanges } from './outbox.ts';

const log = { info() {}, warn() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
}

/**
 * The register changes staff make, over HTTP: each changes the register, lands in the change
 * outbox in the same transaction, and the credentials made from the record are no longer issued.
 */
describe.each(testDatabases())('register changes by staff on $name', (engine) => {
  let platform: TestPlatform;
  const tokens: Record<string, string> = {};
  let people: string[];

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    people = platform.seeded.demoPersons;
    const issuer = eidIssuer(platform.config.publicUrl);
    tokens.citizen = await issueScriptingToken(platform.keys, issuer, people[0]!, ['citizen']);
    tokens.official = await issueScriptingToken(platform.keys, issuer, people[1]!, ['citizen', 'official']);
    tokens.police = await issueScriptingToken(platform.keys, issuer, people[4]!, ['citizen', 'police']);
  });
  afterAll(() => platform?.close());

  const send = (method: 'POST' | 'DELETE', url: string, as: string, payload?: object) =>
    platform.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[as]}` },
      ...(payload && { payload }),
    });
  const source = () =>
    createCredentialSource({
      exchange: new ExchangeClient(platform.app.exchange, platform.app.instance.clients.wallet),
    });
  const outbox = () => registerChanges(platform.database.db);

  it('lets the police suspend and restore a licence, each in the outbox; the mDL follows', async () => {
    const holder = people[2]!;
    const licence = (await licenceByPerson(platform.database.db)(holder))!;
    const url = `/api/registers/driving-licences/${licence.number}/suspension`;
    expect((await send('POST', url, 'official')).statusCode).toBe(403);
    expect((await send('POST', url, 'citizen')).statusCode).toBe(403);

    const suspended = await send('POST', url, 'police');
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({
      register: 'driving-licences',
      key: licence.number,
      kind: 'licence-suspended',
    });
    const [change] = await outbox().readAfter(suspended.json().changeId - 1, 1);
    expect(change).toMatchObject({ register: 'driving-licences', key: licence.number, subject: holder });
    expect(await codeOf(source().claimsFor('mdl', holder, { caseRef: 'c1', log }))).toBe(
      'credential-source-invalid',
    );
    expect((await send('POST', url, 'police')).json().code).toBe('licence-not-valid');

    const restored = await send('DELETE', url, 'police');
    expect(restored.json()).toMatchObject({ kind: 'licence-restored', changeId: change!.id + 1 });
    expect(await codeOf(source().claimsFor('mdl', holder, { caseRef: 'c2', log }))).toBeNull();
    expect((await send('DELETE', url, 'police')).json().code).toBe('licence-not-suspended');
    expect(
      (await send('POST', '/api/registers/driving-licences/999999999/suspension', 'police')).json().code,
    ).toBe('licence-not-found');
  });

  it('lets an official record a death: the register says deceased, no credential is issued any more', async () => {
    const person = people[3]!;
    const url = `/api/registers/persons/${person}/death`;
    expect((await send('POST', url, 'police', { deathDate: '2026-01-02' })).statusCode).toBe(403);
    expect((await send('POST', url, 'official', { deathDate: '2999-01-01' })).json().code).toBe(
      'death-date-invalid',
    );
    expect((await send('POST', url, 'official', { deathDate: '2026-02-30' })).json().code).toBe(
      'death-date-invalid',
    );
    expect((await send('POST', url, 'official', { deathDate: '1900-01-01' })).json().code).toBe(
      'death-date-invalid',
    );
    expect((await send('POST', url, 'official', { deathDate: '2026-01-02\u0000' })).statusCode).toBe(400);

    const recorded = await send('POST', url, 'official', { deathDate: '2026-01-02' });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(await populationQueries(platform.database.db).person(person)).toMatchObject({
      deceased: true,
      deathDate: '2026-01-02',
    });
    const [change] = await outbox().readAfter(recorded.json().changeId - 1, 1);
    expect(change).toMatchObject({
      register: 'population-register',
      key: person,
      subject: person,
      kind: 'person-deceased',
    });
    expect(await codeOf(source().claimsFor('pid-sd-jwt', person, { caseRef: 'c3', log }))).toBe(
      'credential-source-deceased',
    );
    expect((await send('POST', url, 'official', { deathDate: '2026-01-02' })).json().code).toBe(
      'person-already-deceased',
    );
    expect(
      (await send('POST', `/api/registers/persons/123/death`, 'official', { deathDate: '2026-01-02' }))
        .statusCode,
    ).toBe(400);
  });

  it("lets an official register a vehicle to a new owner: the old owner's certificate is no longer issued", async () => {
    const [seller, buyer] = [people[0]!, people[5]!];
    const [vehicle] = await vehicleQueries(platform.database.db).byCurrentOwner(seller);
    const url = `/api/registers/vehicles/${vehicle!.vin}/owner`;
    const body = { ownerId: buyer, eventDate: new Date().toISOString().slice(0, 10) };
    expect((await send('POST', url, 'police', body)).statusCode).toBe(403);
    expect((await send('POST', url, 'official', { ...body, ownerId: seller })).json().code).toBe(
      'vehicle-owner-unchanged',
    );
    expect((await send('POST', url, 'official', { ...body, ownerId: people[3]! })).json().code).toBe(
      'new-owner-not-found',
    );
    expect((await send('POST', url, 'official', { ...body, eventDate: '1990-01-01' })).json().code).toBe(
      'event-date-invalid',
    );

    const moved = await send('POST', url, 'official', body);
    expect(moved.statusCode, moved.body).toBe(200);
    const [change] = await outbox().readAfter(moved.json().changeId - 1, 1);
    expect(change).toMatchObject({
      register: 'vehicle-register',
      key: vehicle!.vin,
      subject: seller,
      kind: 'vehicle-reregistered',
    });
    const vin = vehicle!.vin;
    expect(
      await codeOf(source().claimsFor('vehicle-registration', seller, { caseRef: 'c4', log, vin })),
    ).toBe('credential-source-missing');
    const issued = await source().claimsFor('vehicle-registration', buyer, { caseRef: 'c5', log, vin });
    expect(issued.claims).toMatchObject({ vin });
  });
});
