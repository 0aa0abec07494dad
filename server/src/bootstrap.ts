import fs from 'node:fs';
import path from 'node:path';
import {
  type BackgroundSeeding,
  type BackgroundSeedOptions,
  healthRecordSeeded,
  seedHealthRecord,
  startBackgroundSeeding,
} from './capabilities/ehealth/index.ts';
import {
  connectDatabase,
  type DatabaseHandle,
  type DataDirLock,
  lockDataDir,
  migrateToLatest,
} from './db/index.ts';
import { assignDemoRoles, nameDemoRoleHolders } from './identity/index.ts';
import type { Config } from './kernel/index.ts';
import { MIGRATIONS } from './migrations.ts';
import {
  backfillSeededRegisters,
  completedSeedRun,
  type Instance,
  loadInstance,
  populationQueries,
  type SeedOptions,
  type SeedResult,
  seedRegisters,
} from './registers/index.ts';

export interface OpenedDatabase {
  database: DatabaseHandle;
  close(): Promise<void>;
}

export function pgliteDirectory(config: Config): string {
  return path.join(config.dataDir, 'pglite');
}

/** Whether the embedded database was ever created in the data directory (commands that only read do not create it). */
export function embeddedDatabaseExists(config: Config): boolean {
  return fs.existsSync(path.join(pgliteDirectory(config), 'PG_VERSION'));
}

/** Opens the configured database (locking PGlite's directory) and brings its schema up to date. */
export async function openDatabase(config: Config): Promise<OpenedDatabase> {
  let lock: DataDirLock | undefined;
  if (!config.databaseUrl) lock = lockDataDir(config.dataDir);
  try {
    const database = await connectDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: pgliteDirectory(config),
    });
    await migrateToLatest(database.db, MIGRATIONS);
    return {
      database,
      async close() {
        await database.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

export interface DemoSeedOptions {
  seed: string;
  persons: number;
  vehicles: number;
  onProgress?: SeedOptions['onProgress'];
  /** The installation whose healthcare providers and personal-number scheme the health record uses. */
  instance?: Instance;
  /**
   * How many persons get a synthetic health record now: the demo persons and the demo GP's
   * patients first (default `DEMO_HEALTH_RECORDS`); the others get theirs from the server's
   * background seeding once it is ready (`startDemoHealthRecordSeeding`), so a first start stays
   * quick. `false`: no health record at all (tests that build their own).
   */
  healthRecords?: number | false;
}

/** The health records seeded while the server starts (the demo accounts' and the demo GP's patients'). */
export const DEMO_HEALTH_RECORDS = 100;

/** How many persons of a population of `persons` get a health record (`CIVITAS_DEMO_HEALTH_RECORDS`). */
export function demoHealthRecordCount(config: Pick<Config, 'demoHealthRecords'>, persons: number): number {
  return config.demoHealthRecords === 'all' ? persons : Math.min(config.demoHealthRecords, persons);
}

/** How many of them the start-up (and `civitas seed`) writes before the server is ready. */
export function startupHealthRecords(config: Pick<Config, 'demoHealthRecords'>, persons: number): number {
  return Math.min(DEMO_HEALTH_RECORDS, demoHealthRecordCount(config, persons));
}

/** Seeds the registers, the demo accounts and the health record of the population. */
export async function seedDemoData(database: DatabaseHandle, options: DemoSeedOptions): Promise<SeedResult> {
  const result = await seedRegisters(database.db, options);
  await assignDemoRoles(database.db, result.demoPersons, await namesOf(database, result.demoPersons));
  if (options.healthRecords === false) return result;
  const health = await seedDemoHealthRecord(database, { ...options, healthRecords: options.healthRecords });
  return { ...result, rows: result.rows + health.resources, seconds: result.seconds + health.seconds };
}

function seedDemoHealthRecord(
  database: DatabaseHandle,
  options: Omit<DemoSeedOptions, 'vehicles' | 'healthRecords'> & { healthRecords?: number },
) {
  return seedHealthRecord(database.db, {
    seed: options.seed,
    persons: options.persons,
    instance: options.instance ?? loadInstance(),
    fullRecords: options.healthRecords ?? DEMO_HEALTH_RECORDS,
    patientsForOthers: false,
  });
}

/**
 * The names the demo administrations register their staff under, read from the freshly seeded
 * population register while seeding (as an administration's HR would know them): no exchange
 * message, so no access shows in anyone's "who used my data".
 */
async function namesOf(database: DatabaseHandle, egns: readonly string[]): Promise<Map<string, string>> {
  const population = populationQueries(database.db);
  const names = new Map<string, string>();
  for (const egn of egns) {
    const person = await population.person(egn);
    if (person) names.set(egn, `${person.givenName} ${person.familyName}`);
  }
  return names;
}

/** On first start (no completed seed run), seeds the demo population; later starts keep the data. */
export async function ensureDemoData(
  database: DatabaseHandle,
  config: Config,
  onProgress?: DemoSeedOptions['onProgress'],
): Promise<SeedResult | null> {
  if (!config.demo) return null;
  const run = await completedSeedRun(database.db);
  if (run) {
    await nameDemoRoleHolders(database.db, (egns) => namesOf(database, egns));
    // Registers added since this database was seeded get their data from the same seed.
    await backfillSeededRegisters(database.db);
    // So does the health record, on a database seeded before it existed.
    if (!(await healthRecordSeeded(database.db))) {
      await seedDemoHealthRecord(database, {
        seed: run.seed,
        persons: run.persons,
        instance: loadInstance(config.instance),
        healthRecords: startupHealthRecords(config, run.persons),
      });
    }
    return null;
  }
  return seedDemoData(database, {
    instance: loadInstance(config.instance),
    seed: config.seed,
    persons: config.demoPersons,
    vehicles: config.demoVehicles,
    healthRecords: startupHealthRecords(config, config.demoPersons),
    ...(onProgress ? { onProgress } : {}),
  });
}

/**
 * Once the server is ready, seeds the health record of the persons the start-up left out, in the
 * background (`CIVITAS_DEMO_HEALTH_RECORDS`, default everyone), going on where an earlier run
 * stopped. Nothing in production, nor on a database without a completed demo seeding.
 */
export async function startDemoHealthRecordSeeding(
  database: DatabaseHandle,
  config: Config,
  hooks: Pick<BackgroundSeedOptions, 'beforeBatch' | 'busy' | 'onProgress'> = {},
): Promise<BackgroundSeeding | null> {
  if (!config.demo) return null;
  const run = await completedSeedRun(database.db);
  if (!run || !(await healthRecordSeeded(database.db))) return null;
  return startBackgroundSeeding(database.db, {
    seed: run.seed,
    persons: run.persons,
    instance: loadInstance(config.instance),
    records: demoHealthRecordCount(config, run.persons),
    seededFirst: startupHealthRecords(config, run.persons),
    ...hooks,
  });
}
