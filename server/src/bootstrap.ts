import path from 'node:path';
import type { Config } from './config.ts';
import { connectDatabase, type DatabaseHandle } from './db/connect.ts';
import { type DataDirLock, lockDataDir } from './db/lock.ts';
import { migrateToLatest } from './db/migrate.ts';
import {
  assignDemoRoles,
  type DemoPerson,
  demoPersonsWithoutNames,
  nameDemoHolder,
} from './identity/demo-accounts.ts';
import { PopulationRegister } from './registers/population/service.ts';
import { completedSeedRun, type SeedResult, seedRegisters } from './registers/seed.ts';

export interface OpenedDatabase {
  database: DatabaseHandle;
  close(): Promise<void>;
}

export function pgliteDirectory(config: Config): string {
  return path.join(config.dataDir, 'pglite');
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
    await migrateToLatest(database.db);
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
  onProgress?: (done: number, total: number, stage: string) => void;
}

/** Seeds the registers and the demo accounts. */
export async function seedDemoData(database: DatabaseHandle, options: DemoSeedOptions): Promise<SeedResult> {
  const result = await seedRegisters(database.db, options);
  const demoPersons: DemoPerson[] = [];
  for (const egn of result.demoPersons) {
    const person = await seededDemoPerson(database, egn);
    if (person) demoPersons.push(person);
  }
  await assignDemoRoles(database.db, demoPersons);
  return result;
}

/**
 * The seeder, which has just written the population, copies the demo persons' names next to
 * their demo roles (the sign-in page lists them without an access to the register).
 */
async function seededDemoPerson(database: DatabaseHandle, egn: string): Promise<DemoPerson | undefined> {
  const row = await new PopulationRegister(database.db).findPerson(egn);
  if (!row) return undefined;
  return {
    egn,
    name: `${row.given_name} ${row.family_name}`,
    nameLatin: `${row.given_name_latin} ${row.family_name_latin}`,
  };
}

/** On first start (no completed seed run), seeds the demo population; later starts keep the data. */
export async function ensureDemoData(
  database: DatabaseHandle,
  config: Config,
  onProgress?: DemoSeedOptions['onProgress'],
): Promise<SeedResult | null> {
  if (!config.demo) return null;
  if (await completedSeedRun(database.db)) {
    for (const egn of await demoPersonsWithoutNames(database.db)) {
      const person = await seededDemoPerson(database, egn);
      if (person) await nameDemoHolder(database.db, person);
    }
    return null;
  }
  return seedDemoData(database, {
    seed: config.seed,
    persons: config.demoPersons,
    vehicles: config.demoVehicles,
    ...(onProgress ? { onProgress } : {}),
  });
}
