import type { Bundle, Composition, OperationOutcome } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { tablesOf } from '../../../db/index.ts';
import { storeCareFacts } from '../access/care.ts';
import { createHealthPolicy } from '../access/policy.ts';
import { parseScopes } from '../access/scopes.ts';
import { PROBLEM_SYSTEM } from '../fhir/outcome.ts';
import { type FhirTestServer, startFhirTestServer } from '../fhir/testing.ts';
import type { FhirOperation, HealthAccessContext, HealthPolicy } from '../ports.ts';
import type { EhealthTables } from '../tables.ts';
import { patientOperations } from './operations.ts';
import { EGN_SYSTEM, OTHER_PATIENT_ID, PATIENT_ID, recordOf, sharedResources } from './test-fixtures.ts';
import { validateIpsBundle } from './validate.ts';

/** The operations through the FHIR router, as a client calls them: status, media type, OperationOutcome. */

const PERSONAL_NUMBER = '8001010005';
const patient: HealthAccessContext = {
  actor: {
    kind: 'patient',
    personalNumber: PERSONAL_NUMBER,
    patientId: PATIENT_ID,
    patientIds: [PATIENT_ID],
  },
  scopes: parseScopes(['patient/*.rs']),
  purpose: { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' },
  breakGlass: [],
  requestId: 'http-test',
};

describe.each(testDatabases())('the patient operations over HTTP on $name', (engine) => {
  let server: FhirTestServer;

  beforeAll(async () => {
    // The real policy reads the server's own database, which exists once the server does.
    let real: HealthPolicy | undefined;
    const policy: HealthPolicy = {
      checkScopes: (...args) => real!.checkScopes(...args),
      canRead: (...args) => real!.canRead(...args),
      filterReadable: (...args) => real!.filterReadable(...args),
      visibleWhere: (...args) => real!.visibleWhere(...args),
      canWrite: (...args) => real!.canWrite(...args),
    };
    const operations: FhirOperation[] = [];
    server = await startFhirTestServer(engine, { policy, operations, context: patient });
    real = createHealthPolicy(storeCareFacts(server.database.db));
    operations.push(...patientOperations(server.parts));
    await server.parts.store.importResources([
      ...sharedResources(),
      ...recordOf(),
      ...recordOf(OTHER_PATIENT_ID, '8002020000'),
    ]);
    await tablesOf<EhealthTables>(server.database.db)
      .insertInto('ehealth.patients')
      .values({ personal_number: PERSONAL_NUMBER, patient_id: PATIENT_ID })
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
  afterAll(() => server?.close());

  const send = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, body?: unknown) =>
    server.app.inject({
      method,
      url: `/fhir/R4${url}`,
      headers: { ...(body ? { 'content-type': 'application/fhir+json' } : {}), ...headers },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
  const codeOf = (text: string) =>
    (JSON.parse(text) as OperationOutcome).issue?.[0]?.details?.coding?.find(
      (c) => c.system === PROBLEM_SYSTEM,
    )?.code;

  it('answers $summary as an IPS document in FHIR JSON, in the language asked', async () => {
    const response = await send('GET', `/Patient/${PATIENT_ID}/$summary?_language=pl`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = JSON.parse(response.body) as Bundle;
    expect(validateIpsBundle(bundle)).toEqual([]);
    expect((bundle.entry![0]!.resource as Composition).title).toBe('Międzynarodowe podsumowanie pacjenta');
    expect(server.accesses.at(-1)).toMatchObject({ what: 'Patient/$summary', patientIds: [PATIENT_ID] });
  });

  it('answers $summary as a PDF for Accept: application/pdf', async () => {
    const response = await send('GET', `/Patient/${PATIENT_ID}/$summary?_language=en`, {
      accept: 'application/pdf',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('finds the patient by identifier in a POSTed Parameters body (no personal number in the URL)', async () => {
    const response = await send(
      'POST',
      '/Patient/$summary',
      {},
      {
        resourceType: 'Parameters',
        parameter: [{ name: 'identifier', valueIdentifier: { system: EGN_SYSTEM, value: PERSONAL_NUMBER } }],
      },
    );
    expect(response.statusCode).toBe(200);
    expect(validateIpsBundle(JSON.parse(response.body) as Bundle)).toEqual([]);
  });

  it('answers $everything as a searchset, and refuses it as a PDF', async () => {
    const response = await send('GET', `/Patient/${PATIENT_ID}/$everything?_count=3`);
    expect(response.statusCode).toBe(200);
    const bundle = JSON.parse(response.body) as Bundle;
    expect(bundle.type).toBe('searchset');
    expect(bundle.entry).toHaveLength(3);
    expect(bundle.link!.find((link) => link.relation === 'next')!.url).toContain('_offset=3');
    const pdf = await send('GET', `/Patient/${PATIENT_ID}/$everything`, { accept: 'application/pdf' });
    expect(pdf.statusCode).toBe(406);
    expect(codeOf(pdf.body)).toBe('not-acceptable');
  });

  it("answers another patient's record and bad parameters with an OperationOutcome carrying our code", async () => {
    const other = await send('GET', `/Patient/${OTHER_PATIENT_ID}/$everything`);
    expect(other.statusCode).toBe(404);
    expect(codeOf(other.body)).toBe('ips-patient-not-found');
    const summary = await send('GET', `/Patient/${OTHER_PATIENT_ID}/$summary`);
    expect(summary.statusCode).toBe(404);
    expect(codeOf(summary.body)).toBe('ips-patient-not-found');
    const since = await send('GET', `/Patient/${PATIENT_ID}/$everything?_since=last-week`);
    expect(since.statusCode).toBe(400);
    expect(codeOf(since.body)).toBe('ips-parameter-invalid');
    const missing = await send('GET', '/Patient/$summary');
    expect(missing.statusCode).toBe(400);
    expect(codeOf(missing.body)).toBe('ips-identifier-required');
  });

  it("serves a discharge letter as a PDF, and another patient's as not found", async () => {
    const letter = await send('GET', `/DocumentReference/${PATIENT_ID}-letter/$pdf`, {
      accept: 'application/pdf',
    });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(server.accesses.at(-1)).toMatchObject({ interaction: 'read', what: 'DocumentReference' });
    const other = await send('GET', `/DocumentReference/${OTHER_PATIENT_ID}-letter/$pdf`, {
      accept: 'application/pdf',
    });
    expect(other.statusCode).toBe(404);
    expect(codeOf(other.body)).toBe('ips-document-not-found');
  });
});
