// `npm run bench -- fhir [--patients N] [--quick]`: the health record on PostgreSQL with N
// (default 100,000) patients, each with the synthetic record (several million resources).
//   1. seeding: the registers through the CLI, then the health record through the resource
//      store's import (the search index written in the same transactions): resources/s;
//   2. a server in its own process, as the demo GP (a token from `civitas token`): read by id of
//      Observations of the GP's own patients (autocannon), `Observation?patient=&code=` p95,
//      `Patient/$summary` p95, transaction import (Bundles of a patient's new resources);
//   3. in process, the same search through the parts with the GP's access context (policy and
//      recording) against the platform's own INTERNAL_CONTEXT (no policy, no recording):
//      policy_overhead_ratio.
// The database is created and dropped (BENCH_DATABASE_URL or TEST_DATABASE_URL names the server).
// `--quick`: 2,000 patients and short phases, a smoke test of the whole run.
// `--keep <name>`: the database `<name>` (and its data directory) is kept: a first run seeds it, a
// later one measures it again without seeding (reporting the first run's seeding figures).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.ts';
import { INTERNAL_CONTEXT } from '../server/src/capabilities/ehealth/access/context.ts';
import { ehealthParts } from '../server/src/capabilities/ehealth/parts-wiring.ts';
import type { HealthAccessContext } from '../server/src/capabilities/ehealth/ports.ts';
import { generateRecord } from '../server/src/capabilities/ehealth/synthetic/generate.ts';
import {
  generateContext,
  healthSubjects,
  seedHealthRecord,
} from '../server/src/capabilities/ehealth/synthetic/seed.ts';
import { connectDatabase } from '../server/src/db/index.ts';
import { ExchangeClient } from '../server/src/exchange/index.ts';
import { loadOrCreateIdentityKeys } from '../server/src/identity/keys.ts';
import { loadConfig } from '../server/src/kernel/index.ts';
import { loadInstance } from '../server/src/registers/index.ts';
import {
  CIVITAS_BIN,
  freshTempDir,
  latencyClient,
  report,
  startServer,
  waitUntilReady,
  withKeptPostgresDatabase,
  withPostgresDatabase,
} from './lib.ts';

const SEED = 'civitas';
const args = process.argv.slice(3);
const QUICK = args.includes('--quick');
const patientsArg = args.indexOf('--patients');
const PATIENTS = patientsArg >= 0 ? Number(args[patientsArg + 1]) : QUICK ? 2_000 : 100_000;
const SECONDS = QUICK ? 3 : 10;
const keepArg = args.indexOf('--keep');
const KEEP = keepArg >= 0 ? args[keepArg + 1] : undefined;
const PORT = 3931;
/** Clients sending transaction Bundles at once. */
const IMPORT_CLIENTS = 4;

if (!Number.isInteger(PATIENTS) || PATIENTS < 60)
  throw new Error('--patients takes a whole number of at least 60');
process.env.BENCH_DATABASE_URL ??= process.env.TEST_DATABASE_URL;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function cli(env: NodeJS.ProcessEnv, ...argv: string[]): string {
  return execFileSync(process.execPath, [CIVITAS_BIN, ...argv], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** What the measurements ask for: the demo GP, their patients, those patients' Observations. */
interface Sample {
  gpPersonalNumber: string;
  gpPractitionerId: string;
  gpOrganisation: string;
  patientIds: string[];
  observationIds: string[];
  /** patient id → a laboratory code they have results of. */
  searches: Array<{ patient: string; code: string }>;
}

async function sampleOf(databaseUrl: string): Promise<Sample> {
  const handle = await connectDatabase({ databaseUrl, poolSize: 2 });
  try {
    const gp = healthSubjects(SEED, 3)[2]!.personalNumber;
    const practitioner = await sql<{ id: string; content: string }>`
      SELECT id, content FROM ehealth.resources WHERE resource_type = 'Practitioner'
      AND content::jsonb -> 'identifier' @> ${JSON.stringify([{ value: gp }])}::jsonb LIMIT 1`.execute(
      handle.db,
    );
    const gpId = practitioner.rows[0]!.id;
    const role = await sql<{ org: string }>`
      SELECT content::jsonb -> 'organization' ->> 'display' AS org FROM ehealth.resources
      WHERE resource_type = 'PractitionerRole' AND content::jsonb -> 'practitioner' ->> 'reference' = ${`Practitioner/${gpId}`}
      LIMIT 1`.execute(handle.db);
    const patients = await sql<{ id: string }>`
      SELECT id FROM ehealth.resources WHERE resource_type = 'Patient'
      AND content::jsonb -> 'generalPractitioner' -> 0 ->> 'reference' = ${`Practitioner/${gpId}`}
      ORDER BY id LIMIT 2000`.execute(handle.db);
    const patientIds = patients.rows.map((r) => r.id);
    const observations = await sql<{ id: string; patient_id: string; code: string }>`
      SELECT id, patient_id, content::jsonb -> 'code' -> 'coding' -> 0 ->> 'code' AS code
      FROM ehealth.resources WHERE resource_type = 'Observation' AND patient_id = ANY(${patientIds}::text[])
      LIMIT 20000`.execute(handle.db);
    const searches = new Map<string, string>();
    for (const o of observations.rows) if (!searches.has(o.patient_id)) searches.set(o.patient_id, o.code);
    return {
      gpPersonalNumber: gp,
      gpPractitionerId: gpId,
      gpOrganisation: role.rows[0]?.org ?? '',
      patientIds,
      observationIds: observations.rows.map((o) => o.id),
      searches: [...searches].map(([patient, code]) => ({ patient, code })),
    };
  } finally {
    await handle.close();
  }
}

/** Sequential requests from a few clients for a while; latencies of the 200s. */
async function latencies(url: string, clients: number, seconds: number, next: () => string, token: string) {
  const times: number[] = [];
  let errors = 0;
  let firstError = '';
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = latencyClient(url);
      try {
        while (performance.now() < deadline) {
          const answer = await client.send({
            method: 'GET',
            path: next(),
            headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
          });
          if (answer.status === 200) times.push(answer.ms);
          else {
            errors++;
            firstError ||= `${answer.status} ${answer.body.toString('utf8').slice(0, 200)}`;
          }
        }
      } finally {
        client.close();
      }
    }),
  );
  return { count: times.length, p50: percentile(times, 50), p95: percentile(times, 95), errors, firstError };
}

async function readRps(url: string, token: string, ids: readonly string[]) {
  let i = 0;
  const result = await autocannon({
    url,
    connections: 16,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
    requests: [
      { setupRequest: (request) => ({ ...request, path: `/fhir/R4/Observation/${ids[i++ % ids.length]}` }) },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/**
 * New resources for the GP's patients as transaction Bundles: records generated again with
 * another seed (new ids), minus the Patient, their references rewritten to the bundle's
 * `urn:uuid:` entries and to the patients' existing Patient.
 */
function importBundles(count: number): Bundle[] {
  const subjects = healthSubjects(SEED, PATIENTS);
  const options = { seed: SEED, persons: PATIENTS, instance: loadInstance() };
  const ctx = generateContext(subjects, options);
  const fresh = { ...ctx, seed: 'bench-import' };
  const bundles: Bundle[] = [];
  for (const subject of subjects) {
    if (bundles.length >= count) break;
    if (ctx.gpOf(subject) !== ctx.directory.demoGp || subject.deceased) continue;
    const existing = generateRecord(subject, ctx, 'patient').patientId;
    const record = generateRecord(subject, fresh);
    const ids = new Set(record.resources.map((r) => `${r.resourceType}/${r.id}`));
    const entries = record.resources
      .filter((r) => r.resourceType !== 'Patient')
      .map((r) => {
        const text = JSON.stringify(r).replace(
          /"reference":"([A-Za-z]+\/[0-9a-f-]{36})"/g,
          (whole, ref: string) => {
            if (ref === `Patient/${record.patientId}`) return `"reference":"Patient/${existing}"`;
            return ids.has(ref) ? `"reference":"urn:uuid:${ref.split('/')[1]}"` : whole;
          },
        );
        const { id, ...resource } = JSON.parse(text) as Resource;
        return {
          fullUrl: `urn:uuid:${id}`,
          resource,
          request: { method: 'POST' as const, url: r.resourceType },
        };
      });
    bundles.push({ resourceType: 'Bundle', type: 'transaction', entry: entries });
  }
  return bundles;
}

/** Transaction Bundles sent by a few clients at once (a bulk loader's way); resources stored per second. */
async function transactionImport(url: string, token: string) {
  const bundles = importBundles(QUICK ? 4 : 40);
  let resources = 0;
  let errors = 0;
  let firstError = '';
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IMPORT_CLIENTS }, async () => {
      for (let bundle = bundles[next++]; bundle; bundle = bundles[next++]) {
        const response = await fetch(`${url}/fhir/R4`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/fhir+json',
            accept: 'application/fhir+json',
            prefer: 'return=minimal',
          },
          body: JSON.stringify(bundle),
        });
        if (response.ok) resources += bundle.entry?.length ?? 0;
        else {
          errors++;
          firstError ||= `${response.status} ${(await response.text()).slice(0, 200)}`;
        }
        if (response.ok) await response.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: Math.round(resources / seconds), resources, errors, firstError };
}

/** The same searches in process: as the GP (policy, then the access recorded) and as the platform itself. */
async function policyOverhead(env: Record<string, string>, sample: Sample) {
  const databaseUrl = env.DATABASE_URL!;
  // The server's data directory: the transparency log's key is there.
  // Searches only: no validation threads.
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent', CIVITAS_VALIDATION_WORKERS: '0' });
  const database = await connectDatabase({ databaseUrl, poolSize: 4 });
  try {
    const keys = await loadOrCreateIdentityKeys(database.db);
    const app = await buildApp({ config, database, keys, isReady: () => true, logger: false });
    await app.ready();
    try {
      const parts = ehealthParts({
        db: database.db,
        config,
        instance: app.instance,
        exchange: new ExchangeClient(app.exchange, app.instance.clients.portal),
        audit: app.auditLog,
      });
      const gp: HealthAccessContext = {
        actor: {
          kind: 'practitioner',
          personalNumber: sample.gpPersonalNumber,
          practitionerId: sample.gpPractitionerId,
          organisation: sample.gpOrganisation,
          client: app.instance.healthcare.providers.get(sample.gpOrganisation) ?? '',
          generalPractitioner: true,
        },
        scopes: [{ context: 'user', resourceType: '*', interactions: new Set(['r', 's']) }],
        purpose: { purpose: 'medical-treatment', legalBasis: 'gdpr-art-9-2-h' },
        breakGlass: [],
        requestId: 'bench',
      };
      const rounds = Math.min(sample.searches.length, QUICK ? 100 : 1_000);
      let found = 0;
      const time = async (ctx: HealthAccessContext, record: boolean) => {
        const times: number[] = [];
        for (let i = 0; i < rounds; i++) {
          const { patient, code } = sample.searches[i]!;
          const started = performance.now();
          const result = await parts.search.search(ctx, {
            resourceType: 'Observation',
            params: { patient, code: `http://loinc.org|${code}` },
            baseUrl: 'http://127.0.0.1/fhir/R4',
          });
          found += result.matches.length;
          if (record) {
            await parts.recorder.record({
              ctx,
              interaction: 'search',
              what: 'Observation',
              patientIds: [patient],
              references: result.matches.map((m) => `Observation/${m.id}`),
              status: 200,
            });
          }
          times.push(performance.now() - started);
        }
        return percentile(times, 50);
      };
      await time(INTERNAL_CONTEXT, false); // warm-up
      const internal = await time(INTERNAL_CONTEXT, false);
      const withPolicy = await time(gp, true);
      // A search that finds nothing (the engine not there yet) has no overhead worth a ratio.
      return { internal, withPolicy, ratio: found > 0 && internal > 0 ? withPolicy / internal : 0 };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/** The registers, then everyone's health record; the figures are kept in the database for `--keep`. */
async function seedEveryone(env: Record<string, string>, databaseUrl: string) {
  console.log(`Seeding the registers with ${PATIENTS} persons…`);
  cli(env, 'seed', '--persons', String(PATIENTS), '--vehicles', '100', '--seed', SEED);
  console.log('Seeding the health record of everyone…');
  const handle = await connectDatabase({ databaseUrl, poolSize: 2 });
  try {
    const seeded = await seedHealthRecord(handle.db, {
      seed: SEED,
      persons: PATIENTS,
      instance: loadInstance(),
      concurrency: 4,
      onProgress: ({ resources }) => {
        if (resources % 200_000 < 4_000) console.log(`  ${resources} resources`);
      },
    });
    const seconds = round(seeded.seconds, 1);
    await sql`CREATE TABLE public.bench_fhir_seed (patients integer, resources integer, seconds real, at timestamptz)`.execute(
      handle.db,
    );
    await sql`INSERT INTO public.bench_fhir_seed VALUES (${PATIENTS}, ${seeded.resources}, ${seconds}, now())`.execute(
      handle.db,
    );
    return {
      resources: seeded.resources,
      seed_s: seconds,
      seed_resources_per_s: Math.round(seeded.resources / seeded.seconds),
    };
  } finally {
    await handle.close();
  }
}

/** The seeding figures of a kept database, null when its seeding did not finish. */
async function seedingOf(databaseUrl: string) {
  const handle = await connectDatabase({ databaseUrl, poolSize: 1 });
  try {
    const found = await sql<{ patients: number; resources: number; seconds: number; at: Date }>`
      SELECT * FROM public.bench_fhir_seed`
      .execute(handle.db)
      .catch(() => null);
    const row = found?.rows[0];
    if (!row) return null;
    if (row.patients !== PATIENTS) throw new Error(`${KEEP} holds ${row.patients} patients, not ${PATIENTS}`);
    return { resources: row.resources, seconds: row.seconds, at: row.at.toISOString() };
  } finally {
    await handle.close();
  }
}

export async function run(): Promise<void> {
  const metrics: Record<string, number> = { patients: PATIENTS };
  const notes: string[] = [];
  const inDatabase = <T>(work: (url: string, existed: boolean) => Promise<T>) =>
    KEEP ? withKeptPostgresDatabase(KEEP, work) : withPostgresDatabase((url) => work(url, false));
  await inDatabase(async (databaseUrl, existed) => {
    const dataDir = KEEP
      ? path.join(os.tmpdir(), `civitas-bench-${KEEP}`)
      : freshTempDir('civitas-bench-fhir-');
    fs.mkdirSync(dataDir, { recursive: true });
    const env = {
      DATABASE_URL: databaseUrl,
      CIVITAS_DATA_DIR: dataDir,
      PORT: String(PORT),
      CIVITAS_PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      CIVITAS_SEED: SEED,
      CIVITAS_DEMO_PERSONS: String(PATIENTS),
      // The bench seeds everyone's record itself: the server's background seeding has nothing to do.
      CIVITAS_DEMO_HEALTH_RECORDS: '100',
    };
    try {
      const seeded = existed ? await seedingOf(databaseUrl) : null;
      if (seeded) {
        console.log(`Reusing ${KEEP}, seeded with ${seeded.resources} resources in ${seeded.seconds} s.`);
        notes.push(`seeding measured when ${KEEP} was seeded (${seeded.at})`);
      } else {
        if (existed) throw new Error(`${KEEP} exists but its seeding did not finish: drop it first`);
        Object.assign(metrics, await seedEveryone(env, databaseUrl));
      }
      if (seeded) {
        metrics.resources = seeded.resources;
        metrics.seed_s = seeded.seconds;
        metrics.seed_resources_per_s = Math.round(seeded.resources / seeded.seconds);
      }
      const sample = await sampleOf(databaseUrl);
      metrics.gp_patients_sampled = sample.patientIds.length;
      const token = cli(env, 'token', '--person', sample.gpPersonalNumber).trim();

      const server = startServer(env);
      try {
        await waitUntilReady(server.url, performance.now());
        const read = await readRps(server.url, token, sample.observationIds);
        if (read.errors === 0) metrics.read_rps = read.rps;
        else notes.push(`read by id: ${read.errors} errors`);
        let s = 0;
        const search = await latencies(
          server.url,
          4,
          SECONDS,
          () => {
            const { patient, code } = sample.searches[s++ % sample.searches.length]!;
            return `/fhir/R4/Observation?patient=${patient}&code=${encodeURIComponent(`http://loinc.org|${code}`)}`;
          },
          token,
        );
        if (search.count > 0) metrics.search_p95_ms = round(search.p95);
        if (search.errors > 0) notes.push(`search: ${search.errors} errors, first: ${search.firstError}`);
        let p = 0;
        const summary = await latencies(
          server.url,
          4,
          SECONDS,
          () => `/fhir/R4/Patient/${sample.patientIds[p++ % sample.patientIds.length]}/$summary`,
          token,
        );
        if (summary.count > 0) metrics.summary_p95_ms = round(summary.p95);
        if (summary.errors > 0)
          notes.push(`$summary: ${summary.errors} errors, first: ${summary.firstError}`);
        console.log('Measured over HTTP:', JSON.stringify(metrics));
        const imported = await transactionImport(server.url, token);
        if (imported.resources > 0) metrics.import_resources_per_s = imported.perSecond;
        if (imported.errors > 0)
          notes.push(`transactions: ${imported.errors} refused, first: ${imported.firstError}`);
      } finally {
        await server.stop();
      }
      const overhead = await policyOverhead(env, sample);
      metrics.search_internal_p50_ms = round(overhead.internal, 3);
      metrics.search_policy_p50_ms = round(overhead.withPolicy, 3);
      if (overhead.ratio > 0) metrics.policy_overhead_ratio = round(overhead.ratio, 3);
      else notes.push('policy overhead: the in-process search found nothing');
    } finally {
      if (!KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
  report('fhir', 'postgresql (127.0.0.1)', metrics);
  if (notes.length > 0)
    console.log(`\nNot measured (the parts not yet there answer so):\n- ${notes.join('\n- ')}`);
}
