import type { SignedReport } from '@civitas/contracts/api/vehicle-report.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { PORTAL_CLIENT, serviceId } from '../../../test/instance.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/platform.ts';
import { ExchangeClient } from '../../exchange/client.ts';
import { eidIssuer, issueScriptingToken } from '../../identity/tokens.ts';
import { gatherReport } from './gather.ts';
import { generateReportKey, newReference, signReport, verifyReport } from './signing.ts';
import { ReportStore } from './store.ts';
import { sampleReportBody } from './test-fixtures.ts';
import { attachedFile, pdfText } from './test-pdf-text.ts';

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

interface Vehicle {
  vin: string;
  plate: string;
  owner: string;
  first_registration_date: string;
  registration_certificate_number: string;
}

describe.each(testDatabases())('the vehicle dossier on $name', (engine) => {
  let platform: TestPlatform;
  let car: Vehicle;
  let other: Vehicle;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    const owned = await sql<Vehicle>`
      SELECT v.vin, v.plate, r.owner_id AS owner, v.first_registration_date, v.registration_certificate_number
      FROM vehicles.vehicles v
      JOIN LATERAL (SELECT owner_id, owner_kind FROM vehicles.registrations WHERE vin = v.vin ORDER BY seq DESC LIMIT 1) r ON true
      WHERE r.owner_kind = 'person' AND v.status = 'registered' AND v.plate IS NOT NULL
        AND EXISTS (SELECT 1 FROM inspections.inspections i WHERE i.vin = v.vin)
      ORDER BY v.vin LIMIT 2`.execute(platform.database.db);
    [car, other] = owned.rows as [Vehicle, Vehicle];
    const issuer = eidIssuer(platform.config.publicUrl);
    const [, official, , , police] = platform.seeded.demoPersons as string[];
    tokens.owner = await issueScriptingToken(platform.keys, issuer, car.owner, ['citizen']);
    tokens.stranger = await issueScriptingToken(
      platform.keys,
      issuer,
      other.owner === car.owner ? official! : other.owner,
      ['citizen'],
    );
    tokens.official = await issueScriptingToken(platform.keys, issuer, official!, ['citizen', 'official']);
    tokens.police = await issueScriptingToken(platform.keys, issuer, police!, ['citizen', 'police']);
  });
  afterAll(() => platform?.close());

  async function call(
    method: 'GET' | 'POST',
    url: string,
    options: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const response = await platform.app.inject({
      method,
      url,
      headers: {
        ...(options.as ? { authorization: `Bearer ${tokens[options.as]}` } : {}),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });
    expect(response.body).not.toMatch(STACK_TRACE);
    return response;
  }

  function expectProblem(response: { statusCode: number; json(): unknown }, status: number, code: string) {
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ status, code });
  }

  it("gives the owner their vehicle's full signed report, fines and tax included", async () => {
    const response = await call('GET', `/api/vehicles/${car.vin}/dossier`, { as: 'owner' });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as SignedReport;
    expect(report).toMatchObject({ viewer: 'owner', vin: car.vin, partial: false });
    expect(report.reference).toMatch(/^VR-/);
    expect(report.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
    expect(report.registration?.currentOwner).toEqual({ kind: 'person', name: null });
    expect(report.fines).not.toBeNull();
    expect(report.tax).not.toBeNull();
    expect(report.odometer?.readings.length).toBe(report.inspections?.length);
    expect(report.sources.map((source) => source.status)).toEqual(report.sources.map(() => 'ok'));
    // "Data as of" is the latest past date: a next inspection due or a policy's end are plans.
    const today = new Date().toISOString().slice(0, 10);
    for (const source of report.sources) if (source.dataAsOf) expect(source.dataAsOf <= today).toBe(true);
    // The owner's own report shows in their data tracker as their own lookups.
    const own = await call('GET', '/api/me/data-usage?purpose=vehicle-history-report', { as: 'owner' });
    const items = (own.json() as { items: Array<{ self: boolean; queryId: string }> }).items;
    const sourceIds = new Set(report.sources.map((source) => source.messageId));
    const fromThisReport = items.filter((item) => sourceIds.has(item.queryId));
    expect(fromThisReport.length).toBeGreaterThanOrEqual(5);
    expect(fromThisReport.every((item) => item.self)).toBe(true);
    expect(report.sources.map((source) => source.key).sort()).toEqual(
      ['fines', 'inspections', 'insurance', 'registrations', 'tax', 'vehicle'].sort(),
    );
  });

  it('gives anyone the report with a second fact, without the owner, their fines or their tax', async () => {
    const byVin = await call('POST', '/api/vehicle-reports', {
      body: { vin: car.vin, firstRegistrationDate: car.first_registration_date },
    });
    expect(byVin.statusCode, byVin.body).toBe(200);
    const report = byVin.json() as SignedReport;
    expect(report.viewer).toBe('public');
    expect(report.registration).not.toHaveProperty('currentOwner');
    expect(report).not.toHaveProperty('fines');
    expect(report).not.toHaveProperty('tax');
    expect(byVin.body).not.toContain(car.owner);
    expect(report.registration?.ownersCount).toBeGreaterThanOrEqual(1);
    const byPlate = await call('POST', '/api/vehicle-reports', {
      body: { plate: car.plate, registrationCertificateNumber: car.registration_certificate_number },
    });
    expect(byPlate.statusCode, byPlate.body).toBe(200);
    expect((byPlate.json() as SignedReport).vin).toBe(car.vin);
  });

  it('shows the owner each lookup of their car, naming officials but not private buyers', async () => {
    const official = await call('GET', `/api/vehicles/${car.vin}/dossier`, {
      as: 'official',
      headers: { 'x-legal-basis': 'local-taxes-and-fees-act-art-54' },
    });
    expect(official.statusCode, official.body).toBe(200);
    const usage = await call('GET', '/api/me/data-usage?purpose=vehicle-history-report', { as: 'owner' });
    const items = (usage.json() as { items: Array<{ initiatorPerson: string | null; self: boolean }> }).items;
    const buyers = items.filter((item) => item.initiatorPerson === null);
    const officials = items.filter((item) => item.initiatorPerson !== null && !item.self);
    expect(buyers.length).toBeGreaterThanOrEqual(2);
    expect(officials.length).toBeGreaterThanOrEqual(1);
  });

  it("answers a citizen asking for a stranger's car exactly as for an unknown VIN (no existence oracle)", async () => {
    const unknownVin = 'WVWZZZ1JZXW999999';
    for (const who of ['stranger', 'official'] as const) {
      const started = performance.now();
      const stranger = await call('GET', `/api/vehicles/${car.vin}/dossier`, { as: who });
      const strangerMs = performance.now() - started;
      const unknown = await call('GET', `/api/vehicles/${unknownVin}/dossier`, { as: who });
      expectProblem(stranger, 404, 'vehicle-not-found');
      expectProblem(unknown, 404, 'vehicle-not-found');
      const { instance: _a, ...strangerBody } = stranger.json() as Record<string, unknown>;
      const { instance: _b, ...unknownBody } = unknown.json() as Record<string, unknown>;
      expect(strangerBody).toEqual(unknownBody);
      expect(stranger.headers['content-type']).toBe(unknown.headers['content-type']);
      // Both ask the vehicle register once and stop: the same order of magnitude, well under a second.
      expect(strangerMs).toBeLessThan(1_000);
    }
  });

  it('refuses officials without a granted legal basis, and anyone without a token', async () => {
    expectProblem(
      await call('GET', `/api/vehicles/${car.vin}/dossier`, {
        as: 'police',
        headers: { 'x-legal-basis': 'just curious' },
      }),
      403,
      'purpose-not-allowed',
    );
    expectProblem(await call('GET', `/api/vehicles/${car.vin}/dossier`), 401, 'token-missing');
  });

  it('names the current owner to the owner, officials and police by kind only: never a personal number, in JSON or PDF', async () => {
    const official = { 'x-legal-basis': 'local-taxes-and-fees-act-art-54' };
    const police = { 'x-purpose': 'traffic-control', 'x-legal-basis': 'road-traffic-act-art-165' };
    for (const [who, headers] of [
      ['owner', {}],
      ['official', official],
      ['police', police],
    ] as const) {
      const json = await call('GET', `/api/vehicles/${car.vin}/dossier`, { as: who, headers });
      expect(json.statusCode, json.body).toBe(200);
      expect((json.json() as SignedReport).registration?.currentOwner).toEqual({
        kind: 'person',
        name: null,
      });
      expect(json.body).not.toContain(car.owner);
      const pdf = await call('GET', `/api/vehicles/${car.vin}/dossier`, {
        as: who,
        headers: { ...headers, accept: 'application/pdf', 'accept-language': 'en' },
      });
      expect(pdf.statusCode).toBe(200);
      const text = pdfText(pdf.rawPayload).replaceAll('\u00a0', ' ');
      expect(text).toContain('Current owner');
      expect(text).toContain('a person');
      expect(text).not.toContain(car.owner);
      expect(attachedFile(pdf.rawPayload, 'report.json')?.toString('utf8')).not.toContain(car.owner);
    }
    // A company is named (its number and name are public in the commercial register).
    const company = await sql<{ vin: string; owner_id: string; owner_name: string }>`
      SELECT r.vin, r.owner_id, r.owner_name FROM vehicles.registrations r
      WHERE r.owner_kind = 'company' AND r.seq = (SELECT max(seq) FROM vehicles.registrations l WHERE l.vin = r.vin)
      ORDER BY r.vin LIMIT 1`.execute(platform.database.db);
    const firm = company.rows[0]!;
    const report = await call('GET', `/api/vehicles/${firm.vin}/dossier`, {
      as: 'police',
      headers: police,
    });
    expect((report.json() as SignedReport).registration?.currentOwner).toEqual({
      kind: 'company',
      id: firm.owner_id,
      name: firm.owner_name,
    });
  });

  it('refuses malformed VINs and plates with a specific error', async () => {
    const bad: Array<[unknown, string]> = [
      [{ vin: 'WVWZZZ1JZXW00000', firstRegistrationDate: '2020-01-01' }, 'invalid-vin'],
      [{ vin: 'WVWZZZ1JZXW0000IO', firstRegistrationDate: '2020-01-01' }, 'invalid-vin'],
      [{ vin: 'WVWZZZ1JZXW00000Q', firstRegistrationDate: '2020-01-01' }, 'invalid-vin'],
      [{ vin: '1HGCM82633A004353', firstRegistrationDate: '2020-01-01' }, 'invalid-vin'],
      [{ plate: 'XX 1234 YY', firstRegistrationDate: '2020-01-01' }, 'invalid-plate'],
      [{ vin: car.vin, plate: car.plate, firstRegistrationDate: '2020-01-01' }, 'validation-failed'],
      [{ vin: car.vin }, 'validation-failed'],
      [{ vin: car.vin, firstRegistrationDate: '2020-13-45' }, 'validation-failed'],
      [{ vin: car.vin, firstRegistrationDate: '2020-01-01', extra: 1 }, 'validation-failed'],
    ];
    for (const [body, code] of bad)
      expectProblem(await call('POST', '/api/vehicle-reports', { body }), 400, code);
    expectProblem(await call('GET', '/api/vehicles/TOO-SHORT/dossier', { as: 'owner' }), 400, 'invalid-vin');
  });

  it('signs reports so that anyone can check them, and tells an altered or forged copy apart', async () => {
    const issued = await call('POST', '/api/vehicle-reports', {
      body: { vin: car.vin, firstRegistrationDate: car.first_registration_date },
    });
    const report = issued.json() as SignedReport;
    const verify = (body: unknown) => call('POST', '/api/vehicle-reports/verify', { body });
    expect((await verify(report)).json()).toMatchObject({
      valid: true,
      reference: report.reference,
      vin: car.vin,
    });
    const altered = structuredClone(report);
    altered.odometer!.readings[0]!.km += 10_000;
    expect((await verify(altered)).json()).toMatchObject({ valid: false, reason: 'altered' });
    const { signature: _signature, ...body } = report;
    const forged = await signReport(body, await generateReportKey());
    expect((await verify(forged)).json()).toMatchObject({ valid: false, reason: 'unknown-key' });
    expect((await verify({ hello: 'world' })).json()).toMatchObject({ valid: false, reason: 'malformed' });
    expect((await call('GET', `/api/vehicle-reports/${report.reference}`)).json()).toMatchObject({
      reference: report.reference,
      vin: car.vin,
      viewer: 'public',
    });
    expectProblem(await call('GET', '/api/vehicle-reports/VR-0000-0000-0000'), 404, 'report-not-found');
    expectProblem(await call('GET', '/api/vehicle-reports/not-a-reference'), 400, 'validation-failed');
    const keys = (await call('GET', '/api/vehicle-reports/keys')).json() as { keys: Array<{ kid: string }> };
    expect(keys.keys.length).toBeGreaterThan(0);
  });

  it('calls a well-formed reference that was never issued unknown (404), and only a malformed one not a reference', async () => {
    const issued = newReference();
    const last = issued.at(-1)!;
    const wrongCheck = `${issued.slice(0, -1)}${last === '0' ? '1' : '0'}`;
    for (const reference of [issued, wrongCheck, issued.toLowerCase(), issued.replaceAll('-', ' ')]) {
      const response = await call('GET', `/api/vehicle-reports/${encodeURIComponent(reference)}`);
      expectProblem(response, 404, 'report-not-found');
    }
    for (const reference of ['VR-1234', 'hello', 'VR-ABCD-EFGH-JKMNP'])
      expectProblem(await call('GET', `/api/vehicle-reports/${reference}`), 400, 'validation-failed');
  });

  it('renders a PDF that the verify endpoint accepts, and rejects once a byte is changed', async () => {
    const response = await call('POST', '/api/vehicle-reports', {
      body: { vin: car.vin, firstRegistrationDate: car.first_registration_date },
      headers: { accept: 'application/pdf' },
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="vehicle-report-VR-/);
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const check = (bytes: Buffer) =>
      platform.app.inject({
        method: 'POST',
        url: '/api/vehicle-reports/verify',
        headers: { 'content-type': 'application/pdf' },
        payload: bytes,
      });
    expect((await check(pdf)).json()).toMatchObject({ valid: true, vin: car.vin });
    const changed = Buffer.from(pdf);
    const at = Math.floor(changed.length / 2);
    changed[at] = (changed[at] ?? 0) ^ 0x01;
    const verdict = (await check(changed)).json() as { valid: boolean; reason: string };
    expect(verdict.valid).toBe(false);
    expect(['altered', 'unknown-reference']).toContain(verdict.reason);
    expect((await check(Buffer.from('not a pdf'))).json()).toMatchObject({
      valid: false,
      reason: 'malformed',
    });
  });

  it("writes the PDF in the reader's language: Polish, English, or Bulgarian by default", async () => {
    const pdfLanguage = async (acceptLanguage?: string) => {
      const response = await call('GET', `/api/vehicles/${car.vin}/dossier`, {
        as: 'owner',
        headers: {
          accept: 'application/pdf',
          ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}),
        },
      });
      expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
      return /\/Lang \((\w+)\)/.exec(response.rawPayload.toString('latin1'))?.[1];
    };
    expect(await pdfLanguage('pl-PL,pl;q=0.9,en-US;q=0.8')).toBe('pl');
    expect(await pdfLanguage('de-DE,en-GB;q=0.7,pl;q=0.5')).toBe('en');
    expect(await pdfLanguage()).toBe('bg');
  });

  it('marks a report partial and names the register that did not answer in time', async () => {
    const client = new ExchangeClient(platform.app.exchange, PORTAL_CLIENT);
    const inspections = serviceId('inspections', 'inspections');
    const slow = {
      get: async (service: string, path: string, context: Parameters<ExchangeClient['get']>[2]) => {
        if (service === inspections) await new Promise((resolve) => setTimeout(resolve, 400));
        return client.get(service, path, context);
      },
      locate: client.locate.bind(client),
    };
    const report = await gatherReport(slow, {
      vin: car.vin,
      viewer: 'public',
      legalBasis: 'road-traffic-act-art-140',
      timeoutMs: 150,
      today: new Date().toISOString().slice(0, 10),
    });
    expect(report.partial).toBe(true);
    expect(report.inspections).toBeNull();
    expect(report.odometer).toBeNull();
    expect(report.sources.find((source) => source.key === 'inspections')).toMatchObject({
      status: 'missing',
      error: expect.stringMatching(/150 ms/),
    });
    expect(report.technical?.vin).toBe(car.vin);
  });

  it('answers an unknown vehicle and a wrong fact alike, and stops a client that keeps guessing', async () => {
    const wrongFact = await call('POST', '/api/vehicle-reports', {
      body: { vin: car.vin, firstRegistrationDate: '1999-01-01' },
    });
    const unknown = await call('POST', '/api/vehicle-reports', {
      body: { vin: 'WVWZZZ1JZXW999999', firstRegistrationDate: '1999-01-01' },
    });
    expectProblem(wrongFact, 404, 'vehicle-not-found');
    expect(unknown.statusCode).toBe(wrongFact.statusCode);
    expect((unknown.json() as { detail: string }).detail).toBe(
      (wrongFact.json() as { detail: string }).detail,
    );
    for (let i = 0; i < 3; i++) {
      await call('POST', '/api/vehicle-reports', {
        body: { vin: car.vin, registrationCertificateNumber: `X${i}` },
      });
    }
    // Five wrong facts: even the right one is refused now.
    expectProblem(
      await call('POST', '/api/vehicle-reports', {
        body: { vin: car.vin, firstRegistrationDate: car.first_registration_date },
      }),
      429,
      'rate-limited',
    );
  });

  it('signs with the stored key after a restart, and the report still verifies', async () => {
    const first = new ReportStore(platform.database.db);
    const { kid } = await first.signingKey();
    // A second store stands for the server started again: it loads the key the first one made or found.
    const restarted = new ReportStore(platform.database.db);
    expect((await restarted.signingKey()).kid).toBe(kid);
    const signed = await restarted.issue(sampleReportBody({ reference: newReference() }), null);
    const verdict = await verifyReport(signed, (id) => restarted.verificationKey(id));
    expect(verdict).toMatchObject({ valid: true });
    const altered = { ...signed, vin: 'WVWZZZ1JZXW999999' };
    expect(await verifyReport(altered, (id) => restarted.verificationKey(id))).toMatchObject({
      valid: false,
    });
  });
});
