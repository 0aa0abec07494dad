import crypto from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { MIGRATIONS } from '../src/migrations.ts';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database; `close` drops it. */
  open(): Promise<DatabaseHandle>;
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
  const engines: TestDatabase[] = [{ name: 'pglite', open: openPglite }];
  if (url) engines.push({ name: 'postgres', open: () => openPostgres(url) });
  return engines;
}

async function openPglite(): Promise<DatabaseHandle> {
  const handle = await connectDatabase({ dataDir: undefined });
  await migrateToLatest(handle.db, MIGRATIONS);
  return handle;
}

/** Each test file gets its own database on the server, so runs never collide or see leftovers. */
export async function openPostgres(adminUrl: string): Promise<DatabaseHandle> {
  const name = `civitas_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await connectDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await migrateToLatest(handle.db, MIGRATIONS);
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
