import crypto from 'node:crypto';
import pg from 'pg';
import { type DemoSeedOptions, seedDemoData } from '../src/bootstrap.ts';
import { connectDatabase, type DatabaseHandle } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { MIGRATIONS } from '../src/migrations.ts';
import type { SeedResult } from '../src/registers/seed.ts';
import {
  createFromTemplate,
  databaseUrl,
  pgliteSnapshot,
  postgresTemplate,
  snapshotKey,
} from './snapshots.ts';

export interface SeededDatabase {
  database: DatabaseHandle;
  seeded: SeedResult;
}

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database; `close` drops it. */
  open(): Promise<DatabaseHandle>;
  /**
   * A fresh, migrated database holding the demo population `seedDemoData` writes with these
   * options: a copy of the run's snapshot of it when another test already seeded the same.
   */
  openSeeded(options: DemoSeedOptions): Promise<SeededDatabase>;
}

/**
 * The engines integration tests run on: always PGlite, and PostgreSQL when TEST_DATABASE_URL
 * is set. In CI a missing TEST_DATABASE_URL is an error, never a silent skip.
 */
export function testDatabases(): TestDatabase[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI)
    throw new Error(
      'CI must set TEST_DATABASE_URL: the PostgreSQL half of the suite cannot be skipped in CI.',
    );
  const engines: TestDatabase[] = [{ name: 'pglite', open: openPglite, openSeeded: openSeededPglite }];
  if (url)
    engines.push({
      name: 'postgres',
      open: () => openPostgres(url),
      openSeeded: (options) => openSeededPostgres(url, options),
    });
  return engines;
}

/** What a seeded snapshot is told apart by: the seed's options (a progress callback aside). */
function seededKey(engine: string, options: DemoSeedOptions): string {
  const { onProgress: _onProgress, ...rest } = options;
  return snapshotKey({ engine, what: 'seeded', options: rest });
}

async function freshPglite(): Promise<DatabaseHandle> {
  const handle = await connectDatabase({ dataDir: undefined });
  await migrateToLatest(handle.db, MIGRATIONS);
  return handle;
}

async function openPglite(): Promise<DatabaseHandle> {
  let made: DatabaseHandle | undefined;
  const snapshot = await pgliteSnapshot(snapshotKey({ engine: 'pglite', what: 'migrated' }), async () => {
    made = await freshPglite();
    return { tarball: await made.dump!(), meta: null };
  });
  if (!snapshot) return freshPglite();
  return made ?? connectDatabase({ loadDataDir: snapshot.tarball });
}

async function openSeededPglite(options: DemoSeedOptions): Promise<SeededDatabase> {
  let made: SeededDatabase | undefined;
  const snapshot = await pgliteSnapshot(seededKey('pglite', options), async () => {
    const database = await openPglite();
    made = { database, seeded: await seedInto(database, options) };
    return { tarball: await database.dump!(), meta: made.seeded };
  });
  if (!snapshot) {
    const database = await freshPglite();
    return { database, seeded: await seedInto(database, options) };
  }
  return (
    made ?? { database: await connectDatabase({ loadDataDir: snapshot.tarball }), seeded: snapshot.meta }
  );
}

/** Each test file gets its own database on the server, so runs never collide or see leftovers. */
export async function openPostgres(adminUrl: string): Promise<DatabaseHandle> {
  const template = await postgresTemplate(
    adminUrl,
    snapshotKey({ engine: 'postgres', what: 'migrated' }),
    migrate,
  );
  return newPostgresDatabase(adminUrl, template?.template);
}

async function openSeededPostgres(adminUrl: string, options: DemoSeedOptions): Promise<SeededDatabase> {
  const template = await postgresTemplate(adminUrl, seededKey('postgres', options), async (url) => {
    const database = await connectDatabase({ databaseUrl: url, poolSize: 5 });
    try {
      await migrateToLatest(database.db, MIGRATIONS);
      return await seedDemoData(database, options);
    } finally {
      await database.close();
    }
  });
  if (!template) {
    const database = await newPostgresDatabase(adminUrl, undefined);
    return { database, seeded: await seedInto(database, options) };
  }
  return { database: await newPostgresDatabase(adminUrl, template.template), seeded: template.meta };
}

/** Seeds a database just opened; on failure it is closed (and dropped), as a test would not. */
async function seedInto(database: DatabaseHandle, options: DemoSeedOptions): Promise<SeedResult> {
  try {
    return await seedDemoData(database, options);
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function migrate(url: string): Promise<null> {
  const database = await connectDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    await migrateToLatest(database.db, MIGRATIONS);
  } finally {
    await database.close();
  }
  return null;
}

/** A database of its own, copied from `template` (already migrated) or made and migrated here. */
async function newPostgresDatabase(adminUrl: string, template: string | undefined): Promise<DatabaseHandle> {
  const name = `civitas_test_${crypto.randomBytes(6).toString('hex')}`;
  if (template) await createFromTemplate(adminUrl, name, template);
  else {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
  }
  const handle = await connectDatabase({ databaseUrl: databaseUrl(adminUrl, name), poolSize: 5 });
  if (!template) await migrateToLatest(handle.db, MIGRATIONS);
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
