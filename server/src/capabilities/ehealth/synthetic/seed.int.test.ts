import type { Patient, ServiceRequest } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import type { DatabaseHandle } from '../../../db/index.ts';
import { loadInstance } from '../../../registers/index.ts';
import { storeCareFacts } from '../access/care.ts';
import { TypedSearchIndex } from '../fhir/search/index-writer.ts';
import { ResourceStore } from '../fhir/store.ts';
import { generateContext, type HealthSeedResult, healthSubjects, seedHealthRecord } from './seed.ts';

const SEED = 'seed-int';
const PERSONS = 40;

describe.each(testDatabases())('seeding the synthetic health record ($name)', (engine) => {
  let handle: DatabaseHandle;
  let result: HealthSeedResult;
  const instance = loadInstance('bg');
  const subjects = healthSubjects(SEED, PERSONS);

  beforeAll(async () => {
    handle = await engine.open();
    result = await seedHealthRecord(handle.db, { seed: SEED, persons: PERSONS, instance, fullRecords: 12 });
  }, 120_000);
  afterAll(async () => handle?.close());

  const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
    Number((await query.execute(handle.db)).rows[0]!.n);

  it('writes a Patient and a link for every person, and whole records for the first ones asked', async () => {
    expect(result.patients).toBe(PERSONS);
    expect(result.fullRecords).toBe(12);
    expect(await count(sql`SELECT count(*)::int AS n FROM ehealth.patients`)).toBe(PERSONS);
    expect(await count(sql`SELECT count(*)::int AS n FROM ehealth.resources`)).toBe(result.resources);
    expect(await count(sql`SELECT count(*)::int AS n FROM ehealth.resource_history`)).toBe(result.resources);
    expect(
      await count(
        sql`SELECT count(DISTINCT patient_id)::int AS n FROM ehealth.resources WHERE resource_type = 'Observation'`,
      ),
    ).toBeGreaterThanOrEqual(8);
  });

  it("links the demo citizen's personal number to their Patient, whose id is opaque", async () => {
    const citizen = subjects[0]!.personalNumber;
    const link = await sql<{ patient_id: string }>`
      SELECT patient_id FROM ehealth.patients WHERE personal_number = ${citizen}`.execute(handle.db);
    const patientId = link.rows[0]!.patient_id;
    expect(patientId).not.toContain(citizen);
    const store = new ResourceStore(handle.db, new TypedSearchIndex());
    const stored = await store.read('Patient', patientId);
    const patient = JSON.parse(stored!.content) as Patient;
    expect(patient.identifier?.[0]?.value).toBe(citizen);
    expect(patient.meta?.versionId).toBe('1');
    expect(stored!.patientId).toBe(patientId);
  });

  it('gives the demo specialist a patient by an active referral, whom the access policy then lets her see', async () => {
    const ctx = generateContext(subjects, { seed: SEED, persons: PERSONS, instance });
    const specialist = ctx.directory.demoSpecialist!.practitioner.reference.slice('Practitioner/'.length);
    const facts = storeCareFacts(handle.db);
    const referred = (await facts.relations(await facts.referencesOf(specialist))).referral;
    const link = await sql<{ patient_id: string }>`
      SELECT patient_id FROM ehealth.patients WHERE personal_number = ${ctx.demoReferral!}`.execute(
      handle.db,
    );
    expect(referred).toContain(link.rows[0]!.patient_id);
    // The referral is a ServiceRequest of that patient's, with the referral letter beside it.
    const rows = await sql<{ content: string }>`
      SELECT content FROM ehealth.resources
      WHERE resource_type = 'ServiceRequest' AND patient_id = ${link.rows[0]!.patient_id}`.execute(handle.db);
    const request = JSON.parse(rows.rows[0]!.content) as ServiceRequest;
    expect([request.status, request.intent, request.category?.[0]?.coding?.[0]?.code]).toEqual([
      'active',
      'order',
      '3457005',
    ]);
    const letter = request.supportingInfo?.[0]?.reference?.split('/') ?? [];
    const store = new ResourceStore(handle.db, new TypedSearchIndex());
    expect((await store.read(letter[0]!, letter[1]!))?.patientId).toBe(link.rows[0]!.patient_id);
  });

  it('seeds from scratch: a second run gives the same ids, not twice the rows', async () => {
    const before = await sql<{ id: string }>`SELECT id FROM ehealth.resources ORDER BY id`.execute(handle.db);
    await seedHealthRecord(handle.db, { seed: SEED, persons: PERSONS, instance, fullRecords: 12 });
    const after = await sql<{ id: string }>`SELECT id FROM ehealth.resources ORDER BY id`.execute(handle.db);
    expect(after.rows).toEqual(before.rows);
  }, 120_000);
});
