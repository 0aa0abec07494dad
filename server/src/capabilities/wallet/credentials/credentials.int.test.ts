import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { ExchangeClient, exchangeLogs } from '../../../exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../../../identity/tokens.ts';
import { AppError } from '../../../kernel/index.ts';
import { registerSamples, vehicleQueries } from '../../../registers/index.ts';
import type { CredentialSource } from '../parts.ts';
import { createCredentialSource } from './service.ts';

// biome-ignore lint/suspicious/noExplicitAny: claims are JSON, checked field by field below
type Json = Record<string, any>;

const log = { info() {}, warn() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;
const PNG = [0x89, 0x50, 0x4e, 0x47];

/** The code a promise is refused with. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe.each(testDatabases())('the credentials filled from the registers on $name', (engine) => {
  let platform: TestPlatform;
  let source: CredentialSource;
  let citizen: string;

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    const exchange = new ExchangeClient(platform.app.exchange, platform.app.instance.clients.wallet);
    source = createCredentialSource({ exchange });
    citizen = platform.seeded.demoPersons[0]!;
  });
  afterAll(() => platform?.close());

  it('fills a PID as SD-JWT VC with the rulebook claims, the photo and the ages', async () => {
    const pid = await source.claimsFor('pid-sd-jwt', citizen, { caseRef: 'issuance-pid-1', log });
    const claims = pid.claims as Json;
    expect(claims.personal_administrative_number).toBe(citizen);
    expect(claims.birthdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(claims.nationalities).toEqual(['BG']);
    expect([1, 2]).toContain(claims.sex);
    expect(claims.issuing_country).toBe('BG');
    expect(claims.picture).toMatch(/^data:image\/png;base64,/);
    expect(Object.keys(claims.age_equal_or_over)).toEqual(['14', '16', '18', '21', '65']);
    expect(claims.age_equal_or_over['18']).toBe(claims.age_in_years >= 18);
    expect(claims.age_birth_year).toBe(Number(claims.birthdate.slice(0, 4)));
    expect(claims.address.formatted.length).toBeGreaterThan(5);
    expect(claims.date_of_expiry >= claims.date_of_issuance).toBe(true);
    expect(pid.sources).toContainEqual({ register: 'population-register', key: citizen });
  });

  it('fills the mdoc PID with age_over_NN elements and the portrait as bytes', async () => {
    const pid = await source.claimsFor('pid-mdoc', citizen, { caseRef: 'issuance-pid-2', log });
    const elements = (pid.claims as Record<string, Record<string, unknown>>)['eu.europa.ec.eudi.pid.1']!;
    for (const age of [14, 16, 18, 21, 65]) expect(typeof elements[`age_over_${age}`]).toBe('boolean');
    expect([...(elements.portrait as Uint8Array).subarray(0, 4)]).toEqual(PNG);
  });

  it('fills the mDL with categories, restriction codes, portrait and the licence as its source', async () => {
    const mdl = await source.claimsFor('mdl', citizen, { caseRef: 'issuance-mdl-1', log });
    const elements = (mdl.claims as Record<string, Json>)['org.iso.18013.5.1']!;
    expect(elements.un_distinguishing_sign).toBe('BG');
    expect(elements.document_number).toMatch(/^\d{9}$/);
    expect(elements.family_name).toMatch(/^[A-Za-z' -]+$/);
    expect([...(elements.portrait as Uint8Array).subarray(0, 4)]).toEqual(PNG);
    const categories = (elements.driving_privileges as Array<{ vehicle_category_code: string }>).map(
      (privilege) => privilege.vehicle_category_code,
    );
    expect(categories).toContain('B');
    expect(mdl.validUntil).toBe(elements.expiry_date);
    expect(mdl.sources).toContainEqual({ register: 'driving-licences', key: elements.document_number });
  });

  it("fills the vehicle registration only for the subject's own vehicle: another's is not found", async () => {
    const [own] = await vehicleQueries(platform.database.db).byCurrentOwner(citizen);
    expect(own).toBeDefined();
    const registration = await source.claimsFor('vehicle-registration', citizen, {
      caseRef: 'issuance-vrc-1',
      log,
      vin: own!.vin.toLowerCase(),
    });
    expect(registration.claims).toMatchObject({ vin: own!.vin, make: own!.make, plate: own!.plate });
    expect(registration.sources).toContainEqual({ register: 'vehicle-register', key: own!.vin });
    const others = await registerSamples(platform.database.db).vins({ registered: true, limit: 200 });
    const owned = new Set(
      (await vehicleQueries(platform.database.db).byCurrentOwner(citizen)).map((v) => v.vin),
    );
    const foreign = others.find((vin) => !owned.has(vin))!;
    expect(
      await codeOf(source.claimsFor('vehicle-registration', citizen, { caseRef: 'x', log, vin: foreign })),
    ).toBe('credential-source-missing');
    expect(await codeOf(source.claimsFor('vehicle-registration', citizen, { caseRef: 'x', log }))).toBe(
      'credential-source-vin-required',
    );
  });

  it('fills the EHIC from the health insurance register', async () => {
    const ehic = await source.claimsFor('ehic', citizen, { caseRef: 'issuance-ehic-1', log });
    expect(ehic.claims).toMatchObject({
      personal_administrative_number: citizen,
      issuing_authority: { id: '1200', name: 'Национална здравноосигурителна каса' },
    });
    expect((ehic.claims as { document_number: string }).document_number).toMatch(/^\d{20}$/);
    expect(ehic.validUntil).toBe((ehic.claims as { date_of_expiry: string }).date_of_expiry);
  });

  it('refuses an unknown configuration and a malformed subject before asking any register', async () => {
    expect(await codeOf(source.claimsFor('passport', citizen, { caseRef: 'x', log }))).toBe(
      'credential-source-unknown-configuration',
    );
    expect(await codeOf(source.claimsFor('pid-sd-jwt', '1234567890', { caseRef: 'x', log }))).toBe(
      'credential-source-subject-invalid',
    );
  });

  it('reads every register as the wallet issuer, for credential issuance, under the issuance id', async () => {
    const messages = (await exchangeLogs(platform.database.db).messages.readAfter(0, 100_000)).filter(
      (message) => message.case_ref === 'issuance-mdl-1' && message.side === 'consumer',
    );
    // The person, the licence and the photo.
    expect(messages.map((message) => message.service?.split('/')[3]).sort()).toEqual([
      'driving-licences',
      'identity-documents',
      'population-register',
    ]);
    for (const message of messages) {
      expect(message).toMatchObject({
        client: platform.app.instance.clients.wallet,
        purpose: 'credential-issuance',
        legal_basis: 'eidas-regulation-art-5a',
        data_subject: citizen,
      });
    }
  });

  it("shows each read in the person's own data usage, naming the wallet issuer", async () => {
    const token = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), citizen, [
      'citizen',
    ]);
    const answer = await platform.app.inject({
      method: 'GET',
      url: '/api/me/data-usage?limit=500',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.statusCode).toBe(200);
    const items = (answer.json() as { items: Array<Json> }).items.filter(
      (item) => item.purpose === 'credential-issuance',
    );
    expect(items.map((item) => item.caseRef)).toEqual(
      expect.arrayContaining(['issuance-pid-1', 'issuance-mdl-1', 'issuance-vrc-1', 'issuance-ehic-1']),
    );
    for (const item of items) {
      expect(item.initiatorOrg).toMatchObject({
        id: platform.app.instance.clients.wallet,
        name: 'Министерство на електронното управление',
        systemName: 'Издател на цифровия портфейл Civitas',
      });
      expect(item.legalBasis).toBe('eidas-regulation-art-5a');
    }
    const categories = (caseRef: string) =>
      items.filter((item) => item.caseRef === caseRef).flatMap((item) => item.dataCategories as string[]);
    expect(categories('issuance-mdl-1').sort()).toEqual(['driving-licence', 'identity', 'photo']);
    expect(categories('issuance-ehic-1').sort()).toEqual(['health-insurance', 'identity']);
  });
});
