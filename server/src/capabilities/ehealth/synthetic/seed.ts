import { PERSONAL_NUMBER_SYSTEMS } from '@civitas/contracts/health/terminology.ts';
import type { Resource } from '@medplum/fhirtypes';
import { sql } from 'kysely';
import type { Connection } from '../../../db/index.ts';
import type { Seed } from '../../../kernel/index.ts';
import { generatePopulation, type Instance, SYNTHETIC_TODAY } from '../../../registers/index.ts';
import { TypedSearchIndex } from '../fhir/search/index-writer.ts';
import { ResourceStore } from '../fhir/store.ts';
import type { EhealthTransaction } from '../ports.ts';
import { importPrescriptionRows } from '../prescriptions/seed.ts';
import { buildDirectory } from './directory.ts';
import { assignGps, demoReferralOf, type GenerateContext, generateRecord } from './generate.ts';
import type { HealthSubject } from './subjects.ts';

export interface HealthSeedOptions {
  seed: Seed;
  /** The population's size: the same seed and count as the registers were seeded with. */
  persons: number;
  instance: Pick<Instance, 'id' | 'personalNumbers' | 'healthcare'>;
  /**
   * How many persons get a whole record (the demo persons and the demo GP's patients first).
   * Default: everyone.
   */
  fullRecords?: number;
  /**
   * Whether the others get their Patient (default) or no record at all yet (a quick demo start:
   * the embedded database writes a few thousand resources a second).
   */
  patientsForOthers?: boolean;
  /** Years of check-ups and laboratory history (default 3; demo persons get at least 5). */
  historyYears?: number;
  /** Resources per transaction. */
  batchSize?: number;
  /**
   * Batches written at once, each in its own transaction on its own connection (PostgreSQL's
   * pool; the embedded database has one connection and writes one at a time). Default 1.
   */
  concurrency?: number;
  /** Called after each batch; seeding waits for what it returns. */
  onProgress?: (written: { patients: number; resources: number }) => void | Promise<void>;
}

export interface HealthSeedResult {
  patients: number;
  fullRecords: number;
  resources: number;
  seconds: number;
}

/** The persons of the population, as the health record's generator reads them. */
export function healthSubjects(seed: Seed, persons: number): HealthSubject[] {
  const subjects: HealthSubject[] = [];
  for (const { person, addresses } of generatePopulation({ seed, count: persons })) {
    const home = addresses.find((a) => a.kind === 'current') ?? addresses[0];
    subjects.push({
      index: subjects.length,
      personalNumber: person.egn,
      givenName: person.given_name,
      fatherName: person.father_name,
      familyName: person.family_name,
      sex: person.sex,
      birthDate: person.birth_date,
      deceased: person.deceased,
      deathDate: person.death_date,
      motherPersonalNumber: person.mother_egn,
      fatherPersonalNumber: person.father_egn,
      address: home
        ? {
            regionCode: home.region_code,
            settlement: home.settlement_name,
            postcode: home.postcode,
            line: [home.street, home.building, home.apartment ? `ап. ${home.apartment}` : null]
              .filter(Boolean)
              .join(' '),
          }
        : null,
    });
  }
  return subjects;
}

/**
 * Writes the synthetic health record of the whole population, from scratch (every table of the
 * `ehealth` schema is emptied first): the providers, then each person's record, through the
 * resource store's import (so the search index is written too), a batch per transaction, with
 * the `ehealth.patients` links in the same transactions.
 */
export async function seedHealthRecord(
  connection: Connection,
  options: HealthSeedOptions,
): Promise<HealthSeedResult> {
  const started = performance.now();
  const store = new ResourceStore(connection, new TypedSearchIndex());
  await clearHealthRecord(store);
  const subjects = healthSubjects(options.seed, options.persons);
  const ctx = generateContext(subjects, options);
  const organisationOf = organisationsOf(ctx);
  const full = new Set(recordOrder(subjects, ctx).slice(0, options.fullRecords ?? subjects.length));
  const batchSize = options.batchSize ?? 4_000;

  let batch: Resource[] = [];
  let links: Array<{ personal_number: string; patient_id: string }> = [];
  let written = 0;
  let patients = 0;
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const write = async (resources: Resource[], rows: typeof links) => {
    await store.db.transaction().execute(async (trx: EhealthTransaction) => {
      await writeHealthBatch(store, trx, { resources, links: rows }, organisationOf);
    });
    written += resources.length;
    await options.onProgress?.({ patients, resources: written });
  };
  const flush = async () => {
    if (batch.length === 0 && links.length === 0) return;
    const pending = write(batch, links);
    batch = [];
    links = [];
    inFlight.add(pending);
    pending.then(
      () => inFlight.delete(pending),
      (error: unknown) => {
        inFlight.delete(pending);
        failure ??= { error };
      },
    );
    if (failure) throw failure.error;
    // The generator fills the next batch while the database stores the last ones.
    if (inFlight.size >= (options.concurrency ?? 1)) await Promise.race(inFlight);
  };

  batch.push(...ctx.directory.resources);
  const others = options.patientsForOthers ?? true;
  for (const subject of subjects) {
    const detail = full.has(subject.index) ? 'full' : 'patient';
    if (detail === 'patient' && !others) continue;
    const record = generateRecord(subject, ctx, detail);
    batch.push(...record.resources);
    links.push({ personal_number: record.personalNumber, patient_id: record.patientId });
    patients++;
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  // What the background seeding (background.ts) need not write: the whole records written here,
  // or everyone when the others got their Patient (a whole record cannot be added to it).
  const covered = others ? subjects.length : full.size;
  if (covered > 0) {
    await sql`INSERT INTO ehealth.seed_batches (first_position, end_position, resources)
      VALUES (0, ${covered}, ${written})`.execute(store.db);
  }
  await sql`ANALYZE`.execute(store.db);
  return {
    patients,
    fullRecords: full.size,
    resources: written,
    seconds: (performance.now() - started) / 1000,
  };
}

export function generateContext(
  subjects: readonly HealthSubject[],
  options: HealthSeedOptions,
): GenerateContext {
  const personalNumberSystem = PERSONAL_NUMBER_SYSTEMS[options.instance.personalNumbers.id];
  const country = options.instance.id.slice(0, 2).toUpperCase();
  const directory = buildDirectory(subjects, {
    seed: options.seed,
    providers: options.instance.healthcare.providers,
    personalNumberSystem,
    today: SYNTHETIC_TODAY,
    country,
  });
  const gpOf = assignGps(subjects, directory, options.seed);
  const demoReferral = demoReferralOf(subjects, directory, gpOf, SYNTHETIC_TODAY);
  return {
    seed: options.seed,
    today: SYNTHETIC_TODAY,
    personalNumberSystem,
    country,
    directory,
    gpOf,
    historyYears: options.historyYears ?? 3,
    ...(demoReferral ? { demoReferral } : {}),
  };
}

/**
 * The order persons get a whole record in (their indexes): the demo persons, the demo
 * specialist's referred patient, the demo GP's patients, then the population in order. Seeding `n` records gives the first `n`; the
 * background seeding (background.ts) goes on from where the start-up's seeding stopped.
 */
export function recordOrder(subjects: readonly HealthSubject[], ctx: GenerateContext): number[] {
  const chosen = new Set<number>();
  for (const s of subjects.slice(0, 8)) chosen.add(s.index);
  for (const s of subjects) if (s.personalNumber === ctx.demoReferral) chosen.add(s.index);
  for (const s of subjects) if (ctx.gpOf(s) === ctx.directory.demoGp) chosen.add(s.index);
  for (const s of subjects) chosen.add(s.index);
  return [...chosen];
}

/** The organisation each clinician works at, by their Practitioner's reference (for the prescriptions' rows). */
export function organisationsOf(ctx: GenerateContext): (reference: string) => string | undefined {
  const organisations = new Map(
    [...ctx.directory.gps, ...ctx.directory.specialists].map((clinician) => [
      clinician.practitioner.reference,
      clinician.organization.display,
    ]),
  );
  return (reference) => organisations.get(reference);
}

/**
 * Writes one batch of the record inside the caller's transaction: the resources through the
 * store's import (search index included), the pharmacies' rows of the seeded prescriptions and
 * the `ehealth.patients` links.
 */
export async function writeHealthBatch(
  store: ResourceStore,
  trx: EhealthTransaction,
  batch: { resources: Resource[]; links: Array<{ personal_number: string; patient_id: string }> },
  organisationOf: (reference: string) => string | undefined,
): Promise<void> {
  await store.importResources(batch.resources, trx);
  // The pharmacies' dispensing rows of the seeded prescriptions (numbers, what is left).
  await importPrescriptionRows(trx, batch.resources, organisationOf);
  if (batch.links.length > 0) await trx.insertInto('ehealth.patients').values(batch.links).execute();
}

/** Whether a health record was seeded (databases seeded before it existed have none yet). */
export async function healthRecordSeeded(connection: Connection): Promise<boolean> {
  const store = new ResourceStore(connection, new TypedSearchIndex());
  return (
    (await store.db.selectFrom('ehealth.patients').select('patient_id').limit(1).executeTakeFirst()) !==
    undefined
  );
}

/** Empties every table of the health record (resources, history, links, the parts' own tables). */
async function clearHealthRecord(store: ResourceStore): Promise<void> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'ehealth' AND table_type = 'BASE TABLE'`.execute(store.db);
  if (tables.rows.length === 0) return;
  await sql`TRUNCATE ${sql.join(tables.rows.map((t) => sql.id('ehealth', t.name)))}`.execute(store.db);
}
