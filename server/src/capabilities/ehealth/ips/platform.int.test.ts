import type { Bundle, Composition, OperationOutcome } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { POLICE_CLIENT, PORTAL_CLIENT, serviceId, TEST_INSTANCE } from '../../../../test/instance.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { tablesOf } from '../../../db/index.ts';
import { eidIssuer, issueScriptingToken } from '../../../identity/tokens.ts';
import { TypedSearchIndex } from '../fhir/search/index-writer.ts';
import { ResourceStore } from '../fhir/store.ts';
import type { EhealthTables } from '../tables.ts';
import { OTHER_PATIENT_ID, recordOf, sharedResources } from './test-fixtures.ts';
import { validateIpsBundle } from './validate.ts';

/**
 * The whole platform: a citizen's own summary over /fhir/R4 with their eID token, and the health
 * record read through the exchange under the default rights (the portal's data-subject access, the
 * wallet's credential issuance; the police have none).
 */

const RECORD = serviceId('health-record', 'records');
const PATIENT = 'pat-platform-1';

describe.each(testDatabases())('the summary on the running platform on $name', (engine) => {
  let platform: TestPlatform;
  let citizen: string;
  let token: string;

  beforeAll(async () => {
    platform = await startTestPlatform(engine, { persons: 60, vehicles: 10 });
    citizen = platform.seeded.demoPersons[0]!;
    const db = tablesOf<EhealthTables>(platform.database.db);
    const linked = await db
      .selectFrom('ehealth.patients')
      .select('patient_id')
      .where('personal_number', '=', citizen)
      .executeTakeFirst();
    // A seeded health record (once the synthetic one is merged) is replaced by the test's own.
    if (linked) await db.deleteFrom('ehealth.patients').where('personal_number', '=', citizen).execute();
    const store = new ResourceStore(platform.database.db, new TypedSearchIndex());
    const existing = new Set(
      (await db.selectFrom('ehealth.resources').select(['resource_type', 'id']).execute()).map(
        (row) => `${row.resource_type}/${row.id}`,
      ),
    );
    await store.importResources(
      [
        ...sharedResources(),
        ...recordOf(PATIENT, citizen),
        ...recordOf(OTHER_PATIENT_ID, '8002020000'),
      ].filter((resource) => !existing.has(`${resource.resourceType}/${resource.id}`)),
    );
    await db
      .insertInto('ehealth.patients')
      .values({ personal_number: citizen, patient_id: PATIENT })
      .execute();
    token = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), citizen, [
      'citizen',
    ]);
  });
  afterAll(() => platform?.close());

  const fhir = (url: string, headers: Record<string, string> = {}) =>
    platform.app.inject({
      method: 'GET',
      url: `/fhir/R4${url}`,
      headers: { authorization: `Bearer ${token}`, ...headers },
    });

  it("gives the citizen their own summary, as FHIR JSON and as a PDF, and another patient's as not found", async () => {
    const json = await fhir(`/Patient/${PATIENT}/$summary?_language=en`);
    expect(json.statusCode).toBe(200);
    const bundle = JSON.parse(json.body) as Bundle;
    expect(validateIpsBundle(bundle)).toEqual([]);
    expect((bundle.entry![0]!.resource as Composition).title).toBe('International Patient Summary');
    const pdf = await fhir(`/Patient/${PATIENT}/$summary`, { accept: 'application/pdf' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const other = await fhir(`/Patient/${OTHER_PATIENT_ID}/$summary`);
    expect(other.statusCode).toBe(404);
    expect((JSON.parse(other.body) as OperationOutcome).issue[0]!.details?.coding?.[0]?.code).toBe(
      'ips-patient-not-found',
    );
  });

  const exchange = (client: string, path: string, purpose: string, legalBasis: string) =>
    platform.app.inject({
      method: 'GET',
      url: `/r1/${RECORD}${path}`,
      headers: {
        'x-road-client': client,
        'x-road-purpose': purpose,
        'x-road-legal-basis': legalBasis,
        'x-road-data-subject': citizen,
      },
    });

  it("answers the portal a citizen's own summary and the wallet their vaccinations, the police nothing", async () => {
    const summary = await exchange(
      PORTAL_CLIENT,
      `/by-person/${citizen}`,
      'data-subject-access',
      'gdpr-art-15',
    );
    expect(summary.statusCode).toBe(200);
    const bundle = JSON.parse(summary.body) as Bundle;
    expect(bundle.type).toBe('document');
    expect(validateIpsBundle(bundle)).toEqual([]);

    const wallet = TEST_INSTANCE.clients.wallet;
    expect(wallet).toBeTruthy();
    const vaccinations = await exchange(
      wallet!,
      `/by-person/${citizen}/immunizations`,
      'credential-issuance',
      'eidas-regulation-art-5a',
    );
    expect(vaccinations.statusCode).toBe(200);
    expect(JSON.parse(vaccinations.body)).toHaveLength(2);

    const police = await exchange(
      POLICE_CLIENT,
      `/by-person/${citizen}`,
      'criminal-investigation',
      'ministry-of-interior-act-art-6',
    );
    expect(police.statusCode).toBe(403);
  });
});
