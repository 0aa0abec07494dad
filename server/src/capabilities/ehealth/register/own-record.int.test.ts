import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { PORTAL_CLIENT, serviceId } from '../../../../test/instance.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { tablesOf } from '../../../db/index.ts';
import type { AccessTables } from '../access/tables.ts';
import type { EhealthTables } from '../tables.ts';

/**
 * The patient's own call through the exchange (EHDS Art. 3 and 8): the portal asks the health
 * record register for the signed-in person's vaccinations under `data-subject-access`, on their
 * behalf (`X-Road-UserId`). What they hid from "all but the GP" is still theirs to read; for the
 * same request on anyone else's behalf it stays hidden. The exchange hands the register who asks.
 */
describe.each(testDatabases())("the patient's own record through the exchange on $name", (engine) => {
  let platform: TestPlatform;
  let citizen: string;
  let other: string;
  let vaccinations: number;
  const RECORDS = serviceId('health-record', 'records');

  beforeAll(async () => {
    platform = await startTestPlatform(engine, { persons: 40, vehicles: 2, healthRecords: 8 });
    [citizen, other] = platform.seeded.demoPersons as [string, string];
    const db = tablesOf<EhealthTables & AccessTables>(platform.database.db);
    const { patient_id: patientId } = await db
      .selectFrom('ehealth.patients')
      .select('patient_id')
      .where('personal_number', '=', citizen)
      .executeTakeFirstOrThrow();
    const immunizations = await db
      .selectFrom('ehealth.resources')
      .select('id')
      .where('resource_type', '=', 'Immunization')
      .where('patient_id', '=', patientId)
      .where('deleted', '=', false)
      .execute();
    vaccinations = immunizations.length;
    // The citizen hides one vaccination from all but their GP.
    await db
      .insertInto('ehealth.access_restrictions')
      .values({
        id: crypto.randomUUID(),
        patient_id: patientId,
        consent_id: 'consent-own-record-test',
        target_kind: 'resource',
        target_reference: `Immunization/${immunizations[0]!.id}`,
        target_type: 'Immunization',
        target_category: null,
        from_kind: 'all-but-gp',
        from_practitioner: null,
        from_name: null,
      })
      .execute();
  }, 180_000);
  afterAll(() => platform?.close());

  const vaccinationsOf = async (egn: string, headers: Record<string, string>) => {
    const answer = await platform.app.inject({
      method: 'GET',
      url: `/r1/${RECORDS}/by-person/${egn}/immunizations`,
      headers: {
        'x-road-client': PORTAL_CLIENT,
        'x-road-purpose': 'data-subject-access',
        'x-road-legal-basis': 'gdpr-art-15',
        'x-road-data-subject': egn,
        ...headers,
      },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json() as unknown[];
  };

  it('answers the patient their own vaccinations, the one they hid from all but the GP included', async () => {
    expect(vaccinations).toBeGreaterThan(1);
    expect(await vaccinationsOf(citizen, { 'x-road-userid': citizen })).toHaveLength(vaccinations);
  });

  it('leaves the hidden one out when the portal asks on anyone else’s behalf, or on nobody’s', async () => {
    expect(await vaccinationsOf(citizen, { 'x-road-userid': other })).toHaveLength(vaccinations - 1);
    expect(await vaccinationsOf(citizen, {})).toHaveLength(vaccinations - 1);
  });
});
