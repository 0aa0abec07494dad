/**
 * Measures the search index on PostgreSQL: imports generated Observations through the store (with
 * their index) and times `Observation?patient=&code=` through the engine. Not part of the suite:
 *
 *   MEASURE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_measure \
 *   MEASURE_PATIENTS=20000 MEASURE_PER_PATIENT=50 npx node server/src/capabilities/ehealth/fhir/search/measure.ts
 *
 * The database named in the URL is emptied of the `ehealth` schema first (MEASURE_SKIP_IMPORT=1
 * times the queries on what an earlier run imported; MEASURE_NO_INDEX=1 imports without the index).
 */
import type { Resource } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import { connectDatabase, migrateToLatest } from '../../../../db/index.ts';
import { storeCareFacts } from '../../access/care.ts';
import { INTERNAL_CONTEXT } from '../../access/context.ts';
import { createHealthPolicy } from '../../access/policy.ts';
import { ehealthMigrations } from '../../migrations.ts';
import { ResourceStore } from '../store.ts';
import { createSearchEngine } from './engine.ts';
import { TypedSearchIndex } from './index-writer.ts';

const url = process.env.MEASURE_DATABASE_URL;
if (!url) throw new Error('set MEASURE_DATABASE_URL');
const patients = Number(process.env.MEASURE_PATIENTS ?? 20_000);
const perPatient = Number(process.env.MEASURE_PER_PATIENT ?? 50);
const queries = Number(process.env.MEASURE_QUERIES ?? 1_000);
const CODES = [
  '2345-7',
  '4548-4',
  '2093-3',
  '2085-9',
  '13457-7',
  '2571-8',
  '718-7',
  '6690-2',
  '777-3',
  '2160-0',
];

/** A deterministic pseudo-random sequence (the same data every run). */
let seed = 17;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

function observation(patient: number, n: number): Resource {
  const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 3650) * 86_400_000);
  return {
    resourceType: 'Observation',
    id: `p${patient}-o${n}`,
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
        ],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: CODES[n % CODES.length] as string }] },
    subject: { reference: `Patient/p${patient}` },
    effectiveDateTime: day.toISOString(),
    valueQuantity: {
      value: Math.round(random() * 1000) / 100,
      unit: 'mmol/L',
      system: 'http://unitsofmeasure.org',
      code: 'mmol/L',
    },
  } as Resource;
}

const handle = await connectDatabase({ databaseUrl: url, poolSize: 4 });
const db = handle.db;
const store = new ResourceStore(
  db,
  process.env.MEASURE_NO_INDEX ? { write: async () => {} } : new TypedSearchIndex(),
);
if (!process.env.MEASURE_SKIP_IMPORT) await importAll();

async function importAll(): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS ehealth CASCADE`.execute(db);
  await sql`DELETE FROM kysely_migration WHERE name LIKE '07%'`.execute(db).catch(() => undefined);
  await migrateToLatest(db, [ehealthMigrations]);

  const started = performance.now();
  const BATCH = 5_000;
  let batch: Resource[] = [];
  let imported = 0;
  for (let p = 0; p < patients; p++) {
    batch.push({ resourceType: 'Patient', id: `p${p}`, gender: p % 2 ? 'male' : 'female' } as Resource);
    for (let n = 0; n < perPatient; n++) batch.push(observation(p, n));
    if (batch.length >= BATCH) {
      await store.importResources(batch);
      imported += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) {
    await store.importResources(batch);
    imported += batch.length;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `imported ${imported} resources in ${seconds.toFixed(1)} s: ${(imported / seconds).toFixed(0)} resources/s`,
  );
  await sql`VACUUM ANALYZE`.execute(db);
}

const engine = createSearchEngine({ db, policy: createHealthPolicy(storeCareFacts(db)) });
const timings: number[] = [];
let found = 0;
for (let q = 0; q < queries; q++) {
  const patient = Math.floor(random() * patients);
  const code = CODES[Math.floor(random() * CODES.length)] as string;
  const t = performance.now();
  const result = await engine.search(INTERNAL_CONTEXT, {
    resourceType: 'Observation',
    params: { patient: `Patient/p${patient}`, code: `http://loinc.org|${code}` },
    baseUrl: 'http://localhost/fhir/R4',
  });
  timings.push(performance.now() - t);
  found += result.matches.length;
}
const percentile = (list: number[], p: number) =>
  (list.sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))] as number).toFixed(2);
const at = (p: number) => percentile(timings, p);
// As many reads by id on the same connection: the floor of a round trip on this machine now.
const reads: number[] = [];
for (let q = 0; q < queries; q++) {
  const t = performance.now();
  await store.read(
    'Observation',
    `p${Math.floor(random() * patients)}-o${Math.floor(random() * perPatient)}`,
  );
  reads.push(performance.now() - t);
}
console.log(`read by id ×${queries}: p50 ${percentile(reads, 0.5)} ms, p95 ${percentile(reads, 0.95)} ms`);
console.log(
  `Observation?patient=&code= ×${queries}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms (${found} matches)`,
);
const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ANALYZE SELECT r.* FROM ehealth.resources r
  WHERE r.resource_type = 'Observation' AND NOT r.deleted
    AND r.patient_id = ANY('{p42}'::text[])
    AND r.id IN (SELECT s.id FROM ehealth.search_token s WHERE s.resource_type = 'Observation' AND s.param = 'code' AND s.code = '2345-7' AND s.system = 'http://loinc.org')
  ORDER BY r.id LIMIT 21`.execute(db);
console.log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
await handle.close();
