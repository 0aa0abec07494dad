import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { auditMigrations } from '../audit/migrations.ts';
import { dossierMigrations } from '../capabilities/vehicle-dossier/migrations.ts';
import { exchangeMigrations } from '../exchange/migrations.ts';
import { identityMigrations } from '../identity/migrations.ts';
import { registerMigrations } from '../registers/migrations.ts';
import type { Database } from './schema.ts';
import { sqlMigration } from './sql-migration.ts';

const platformMigrations: Record<string, Migration> = {
  '0001-platform': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS platform',
      `CREATE TABLE platform.seed_runs (
        id text PRIMARY KEY,
        seed text NOT NULL,
        persons integer NOT NULL,
        vehicles integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`,
    ],
    ['DROP SCHEMA platform CASCADE'],
  ),
};

/** All migrations, ordered by name; each context owns its own. */
export function allMigrations(): Record<string, Migration> {
  return {
    ...platformMigrations,
    ...identityMigrations,
    ...registerMigrations,
    ...exchangeMigrations,
    ...auditMigrations,
    ...dossierMigrations,
  };
}

class CodeMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return allMigrations();
  }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new CodeMigrationProvider(),
    migrationTableSchema: 'public',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
