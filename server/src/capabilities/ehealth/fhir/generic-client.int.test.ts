/**
 * The API through a generic FHIR client that is not our code (`fhir-kit-client`), over HTTP:
 * what a hospital system or a third-party app would do.
 */
import type { Bundle, CapabilityStatement, Observation, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { eidIssuer, issueScriptingToken } from '../../../identity/tokens.ts';
import { PROBLEM_SYSTEM } from './outcome.ts';
import { type FhirTestServer, startFhirTestServer } from './testing.ts';

const EGN_SYSTEM = 'https://civitas.example/fhir/sid/egn';

/** The OperationOutcome a refused call of the client carries. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; code: string | undefined }> {
  const error = (await call.then(
    () => null,
    (reason: unknown) => reason,
  )) as { response?: { status: number; data: OperationOutcome } } | null;
  expect(error?.response?.data?.resourceType).toBe('OperationOutcome');
  const code = error!.response!.data.issue[0]!.details?.coding?.find(
    (c) => c.system === PROBLEM_SYSTEM,
  )?.code;
  return { status: error!.response!.status, code };
}

describe.each(testDatabases())('a generic FHIR client (fhir-kit-client) on $name', (engine) => {
  let server: FhirTestServer;
  let client: Client;

  beforeAll(async () => {
    server = await startFhirTestServer(engine);
    const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
    client = new Client({ baseUrl: `${address}/fhir/R4` });
    client.bearerToken = 'a-token-the-test-context-stands-for';
  });
  afterAll(() => server?.close());

  it('reads the CapabilityStatement', async () => {
    const statement = (await client.capabilityStatement()) as unknown as CapabilityStatement;
    expect(statement.fhirVersion).toBe('4.0.1');
    expect(statement.rest?.[0]?.resource?.map((r) => r.type)).toContain('Observation');
  });

  it('creates, reads, updates with If-Match and vreads', async () => {
    const created = (await client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient', name: [{ family: 'Клиентов', given: ['Генерик'] }] },
    })) as Patient;
    expect(created.id).toBeTruthy();
    expect(created.meta?.versionId).toBe('1');
    const read = (await client.read({ resourceType: 'Patient', id: created.id! })) as Patient;
    expect(read.name?.[0]?.family).toBe('Клиентов');
    const updated = (await client.update({
      resourceType: 'Patient',
      id: created.id!,
      body: { ...read, birthDate: '1980-02-02' },
      options: { headers: { 'If-Match': 'W/"1"' } },
    })) as Patient;
    expect(updated.meta?.versionId).toBe('2');
    const stale = await refusal(
      client.update({
        resourceType: 'Patient',
        id: created.id!,
        body: { ...read, birthDate: '1990-03-03' },
        options: { headers: { 'If-Match': 'W/"1"' } },
      }),
    );
    expect(stale).toEqual({ status: 412, code: 'fhir-precondition-failed' });
    const first = (await client.vread({ resourceType: 'Patient', id: created.id!, version: '1' })) as Patient;
    expect(first.birthDate).toBeUndefined();
    expect(await refusal(client.read({ resourceType: 'Patient', id: 'no-such-patient' }))).toEqual({
      status: 404,
      code: 'fhir-resource-not-found',
    });
  });

  it('posts a transaction with references between its entries, then pages through a search', async () => {
    const entry: NonNullable<Bundle['entry']> = [
      {
        fullUrl: 'urn:uuid:0b7f5a0e-2a8e-4c5b-9d53-6a1f3b7e7c10',
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: EGN_SYSTEM, value: '7003030010' }],
          name: [{ family: 'Транзакционен' }],
        },
        request: { method: 'POST', url: 'Patient' },
      },
    ];
    for (let index = 0; index < 5; index++)
      entry.push({
        resource: {
          resourceType: 'Observation',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '2339-0' }] },
          subject: { reference: 'urn:uuid:0b7f5a0e-2a8e-4c5b-9d53-6a1f3b7e7c10' },
          valueQuantity: { value: 5 + index, unit: 'mmol/L' },
        } satisfies Observation,
        request: { method: 'POST', url: 'Observation' },
      });
    const response = (await client.transaction({
      body: { resourceType: 'Bundle', type: 'transaction', entry },
    })) as unknown as Bundle;
    expect(response.type).toBe('transaction-response');
    expect(response.entry?.every((e) => e.response?.status.startsWith('201'))).toBe(true);
    const patientId = response.entry![0]!.response!.location!.split('/')[1];

    const seen: string[] = [];
    let page = (await client.search({
      resourceType: 'Observation',
      searchParams: { _count: 2 },
    })) as unknown as Bundle;
    expect(page.type).toBe('searchset');
    while (page) {
      for (const item of page.entry ?? []) seen.push((item.resource as Observation).subject!.reference!);
      const next = await client.nextPage({ bundle: page as never });
      if (!next) break;
      page = next as unknown as Bundle;
    }
    expect(seen.filter((reference) => reference === `Patient/${patientId}`)).toHaveLength(5);
  });
});

describe.each(testDatabases())('the FHIR API of the running platform on $name', (engine) => {
  let platform: TestPlatform;
  let client: Client;
  let address: string;

  beforeAll(async () => {
    platform = await startTestPlatform(engine, { persons: 60, vehicles: 10 });
    address = await platform.app.listen({ port: 0, host: '127.0.0.1' });
    client = new Client({ baseUrl: `${address}/fhir/R4` });
  });
  afterAll(() => platform?.close());

  it('publishes its CapabilityStatement to anyone, with the SMART configuration', async () => {
    const statement = (await client.capabilityStatement()) as unknown as CapabilityStatement;
    expect(statement.fhirVersion).toBe('4.0.1');
    const smart = statement.rest?.[0]?.security?.extension?.[0]?.extension?.[0]?.valueUri;
    expect(smart).toBe(`${address}/fhir/R4/.well-known/smart-configuration`);
  });

  it('answers every refusal under /fhir as an OperationOutcome, never problem+json', async () => {
    const anonymous = await refusal(client.read({ resourceType: 'Patient', id: 'x' }));
    expect(anonymous.status).toBe(401);
    const token = await issueScriptingToken(
      platform.keys,
      eidIssuer(platform.config.publicUrl),
      platform.seeded.demoPersons[0]!,
      ['citizen'],
    );
    client.bearerToken = token;
    expect(await refusal(client.read({ resourceType: 'Spaceship', id: 'x' }))).toEqual({
      status: 404,
      code: 'fhir-type-unknown',
    });
    const unknownPath = await fetch(`${address}/fhir/R4/Patient/1/2/3/4`);
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const xml = await fetch(`${address}/fhir/R4/metadata`, { headers: { accept: 'application/fhir+xml' } });
    expect(xml.status).toBe(406);
    expect(((await xml.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
  });

  it("reads and searches the seeded record with the patient's and the GP's tokens, paging with the client", async () => {
    const [citizen, , gp] = platform.seeded.demoPersons as [string, string, string];
    const tokenOf = (person: string, roles: Array<'citizen' | 'doctor'>) =>
      issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), person, roles);
    client.bearerToken = await tokenOf(citizen, ['citizen']);
    const own = (await client.search({
      resourceType: 'Patient',
      searchParams: { identifier: `${EGN_SYSTEM}|${citizen}` },
    })) as unknown as Bundle;
    expect(own.entry).toHaveLength(1);
    const patientId = own.entry![0]!.resource!.id!;
    const patient = (await client.read({ resourceType: 'Patient', id: patientId })) as Patient;
    expect(patient.generalPractitioner?.[0]?.reference).toMatch(/^Practitioner\//);

    // The GP pages through their patient's HbA1c results, newest first, two at a time.
    client.bearerToken = await tokenOf(gp, ['citizen', 'doctor']);
    let page = (await client.search({
      resourceType: 'Observation',
      searchParams: { patient: patientId, code: 'http://loinc.org|4548-4', _sort: '-date', _count: 2 },
    })) as unknown as Bundle;
    const dates: string[] = [];
    for (let pages = 0; pages < 20; pages++) {
      for (const entry of page.entry ?? []) dates.push((entry.resource as Observation).effectiveDateTime!);
      const next = await client.nextPage({ bundle: page as never });
      if (!next) break;
      page = next as unknown as Bundle;
    }
    expect(dates.length).toBeGreaterThanOrEqual(5);
    expect([...dates].sort().reverse()).toEqual(dates);

    // Another patient's record is "not found" for the citizen, whatever the client asks.
    client.bearerToken = await tokenOf(citizen, ['citizen']);
    const others = (await client.search({
      resourceType: 'Patient',
      searchParams: { _count: 50 },
    })) as unknown as Bundle;
    expect(others.entry?.map((entry) => entry.resource!.id)).toEqual([patientId]);
  });
});
