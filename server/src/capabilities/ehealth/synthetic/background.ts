import { setTimeout as sleep } from 'node:timers/promises';
import type { Resource } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import type { Connection } from '../../../db/index.ts';
import { TypedSearchIndex } from '../fhir/search/index-writer.ts';
import { ResourceStore } from '../fhir/store.ts';
import type { EhealthTransaction } from '../ports.ts';
import { generateRecord, type PatientRecord } from './generate.ts';
import {
  generateContext,
  type HealthSeedOptions,
  healthSubjects,
  organisationsOf,
  recordOrder,
  writeHealthBatch,
} from './seed.ts';

export interface BackgroundSeedOptions extends Pick<HealthSeedOptions, 'seed' | 'persons' | 'instance'> {
  /** How many persons have a whole record once the seeding is done (the first ones of `recordOrder`). */
  records: number;
  /**
   * How many of them the start-up's seeding wrote (`seedHealthRecord`'s `fullRecords`), for a
   * database seeded before `ehealth.seed_batches` existed; `seedHealthRecord` now records it there.
   */
  seededFirst: number;
  /**
   * Persons per transaction while the server is busy (default 1) and while it is idle (default 8).
   * Small when busy: on the embedded database a request waits for the batch being written (one
   * connection), so a batch should take tens of milliseconds, not seconds.
   */
  personsPerBatch?: { busy: number; idle: number };
  /**
   * Rest after each batch while the server is busy, as a multiple of the time the batch took
   * (default 1: the seeding takes at most about half of the process's time, and a request
   * rarely meets a batch being written). None while idle.
   */
  rest?: number;
  /** Whether requests are being answered (recently): the seeding yields to them. Default: never. */
  busy?: () => boolean;
  /** Awaited before each batch: the server lets the requests in flight finish first. */
  beforeBatch?: () => Promise<void>;
  /** Called after each batch and when the seeding ends (done, stopped or failed). */
  onProgress?: (progress: BackgroundSeedProgress) => void;
}

export interface BackgroundSeedProgress {
  state: 'seeding' | 'done' | 'stopped' | 'failed';
  /** Persons with a whole record (the start-up's included). */
  seeded: number;
  /** Persons who will have one when the seeding is done. */
  total: number;
  /** Resources this run wrote. */
  resources: number;
  /** Seconds since this run started. */
  seconds: number;
  /** Why it failed (the error's message), when it did. */
  error?: string;
}

export interface BackgroundSeeding {
  progress(): BackgroundSeedProgress;
  /** Settles when the seeding ends, whichever way (never rejects: a failure is in `progress()`). */
  readonly finished: Promise<BackgroundSeedProgress>;
  /** Stops after the batch being written (its transaction commits or rolls back whole). */
  stop(): Promise<BackgroundSeedProgress>;
}

const PERSONS_PER_BATCH = { busy: 1, idle: 8 };
const REST = 1;
const UNIQUE_VIOLATION = '23505';

/**
 * Writes the whole record of the persons the start-up's seeding left out, a few persons per
 * transaction, in the order `recordOrder` gives. Each batch's row in `ehealth.seed_batches` is
 * written first in the batch's own transaction: a batch another process claimed is skipped, one
 * already written is not written again, and a restart goes on after the last committed batch.
 */
export async function startBackgroundSeeding(
  connection: Connection,
  options: BackgroundSeedOptions,
): Promise<BackgroundSeeding> {
  const started = performance.now();
  const store = new ResourceStore(connection, new TypedSearchIndex());
  const total = Math.min(options.records, options.persons);
  const progress: BackgroundSeedProgress = {
    state: 'seeding',
    seeded: 0,
    total,
    resources: 0,
    seconds: 0,
  };
  let stopping = false;
  const report = (state: BackgroundSeedProgress['state']) => {
    progress.state = state;
    progress.seconds = (performance.now() - started) / 1000;
    options.onProgress?.({ ...progress });
  };

  // Where an earlier run stopped: known before this returns, so the caller can tell at once.
  const done = await seededPositions(store, total, options.seededFirst);
  const missing: number[] = [];
  for (let position = 0; position < total; position++) if (!done[position]) missing.push(position);
  progress.seeded = total - missing.length;
  if (missing.length === 0) progress.state = 'done';

  const run = async () => {
    if (missing.length === 0) return report('done');
    report('seeding');

    // Generating the population and the providers takes a moment of CPU; let requests in first.
    await yieldToRequests();
    const subjects = healthSubjects(options.seed, options.persons);
    const ctx = generateContext(subjects, {
      seed: options.seed,
      persons: options.persons,
      instance: options.instance,
    });
    const order = recordOrder(subjects, ctx);
    const organisationOf = organisationsOf(ctx);
    const perBatch = options.personsPerBatch ?? PERSONS_PER_BATCH;
    const rest = options.rest ?? REST;
    let analyzedAt = Math.max(progress.seeded, 1);

    for (let next = 0; next < missing.length; ) {
      await options.beforeBatch?.();
      await yieldToRequests();
      if (stopping) return report('stopped');
      const busy = options.busy?.() ?? false;
      const positions = consecutive(missing, next, busy ? perBatch.busy : perBatch.idle);
      next += positions.length;
      const batchStarted = performance.now();
      const { written, resources } = await writeBatch(
        store,
        positions,
        (position) => generateRecord(subjects[order[position]!]!, ctx, 'full'),
        organisationOf,
      );
      progress.seeded += positions.length;
      if (written) progress.resources += resources;
      report('seeding');
      if (busy && rest > 0 && !stopping) await sleep((performance.now() - batchStarted) * rest);
      // The planner's statistics follow the tables as they grow (each time they double).
      if (progress.seeded >= analyzedAt * 2) {
        analyzedAt = progress.seeded;
        await analyzeHealthRecord(store);
      }
    }
    await analyzeHealthRecord(store);
    report('done');
  };

  const finished = run().then(
    () => ({ ...progress }),
    (error: unknown) => {
      progress.error = error instanceof Error ? error.message : String(error);
      report('failed');
      return { ...progress };
    },
  );
  return {
    progress: () => ({ ...progress, seconds: (performance.now() - started) / 1000 }),
    finished,
    stop() {
      stopping = true;
      return finished;
    },
  };
}

/**
 * One batch in one transaction: its `ehealth.seed_batches` row first (skipped when another
 * server claimed it), then the records. Answers whether it wrote, and how many resources.
 */
async function writeBatch(
  store: ResourceStore,
  positions: readonly number[],
  recordAt: (position: number) => PatientRecord,
  organisationOf: (reference: string) => string | undefined,
): Promise<{ written: boolean; resources: number }> {
  const resources: Resource[] = [];
  const links: Array<{ personal_number: string; patient_id: string }> = [];
  for (const position of positions) {
    const record = recordAt(position);
    resources.push(...record.resources);
    links.push({ personal_number: record.personalNumber, patient_id: record.patientId });
  }
  const first = positions[0]!;
  const end = positions.at(-1)! + 1;
  const written = await store.db
    .transaction()
    .execute(async (trx: EhealthTransaction) => {
      const claimed = await sql`
        INSERT INTO ehealth.seed_batches (first_position, end_position, resources)
        VALUES (${first}, ${end}, ${resources.length})
        ON CONFLICT (first_position) DO NOTHING
        RETURNING first_position`.execute(trx);
      if (claimed.rows.length === 0) return false;
      await writeHealthBatch(store, trx, { resources, links }, organisationOf);
      return true;
    })
    // Another server on the same database wrote some of these persons in a batch cut otherwise
    // (it was busy, this one idle): this batch rolled back whole; a later start writes whoever
    // is still missing.
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw error;
    });
  return { written, resources: resources.length };
}

/**
 * Which positions of the record order have their record (committed batches only): the ranges of
 * `ehealth.seed_batches`, or on a database seeded before it existed, the first `seededFirst`.
 */
async function seededPositions(
  store: ResourceStore,
  total: number,
  seededFirst: number,
): Promise<Uint8Array> {
  const rows = await sql<{ first_position: number; end_position: number }>`
    SELECT first_position, end_position FROM ehealth.seed_batches`.execute(store.db);
  const ranges = rows.rows.length > 0 ? rows.rows : [{ first_position: 0, end_position: seededFirst }];
  const done = new Uint8Array(total);
  for (const range of ranges) done.fill(1, range.first_position, Math.min(range.end_position, total));
  return done;
}

/**
 * At most `size` consecutive positions from `from` on: a batch never spans a gap, so its row's
 * range covers exactly the persons it wrote.
 */
function consecutive(positions: readonly number[], from: number, size: number): number[] {
  const batch = [positions[from]!];
  for (let i = from + 1; i < positions.length && batch.length < size; i++) {
    if (positions[i] !== batch.at(-1)! + 1) break;
    batch.push(positions[i]!);
  }
  return batch;
}

/** One table at a time, so requests get the connection in between. */
async function analyzeHealthRecord(store: ResourceStore): Promise<void> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'ehealth' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(store.db);
  for (const table of tables.rows) {
    await yieldToRequests();
    await sql`ANALYZE ${sql.id('ehealth', table.name)}`.execute(store.db);
  }
}

/** Lets the requests that arrived meanwhile take the event loop (and the connection) first. */
function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
