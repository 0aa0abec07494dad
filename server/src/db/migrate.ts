import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { type Connection, tablesOf } from './connection.ts';

/**
 * One context's migrations. Names are global and applied in name order across every set (the
 * numeric prefix places a context's step among the others'), so a name, once released, never
 * changes: databases record it, and Kysely refuses to run a list that no longer starts with
 * what a database applied.
 */
export interface MigrationSet {
  context: string;
  migrations: Readonly<Record<string, Migration>>;
}

/** Every set's migrations by name; a name claimed by two sets is a programming error. */
export function mergeMigrations(sets: readonly MigrationSet[]): Record<string, Migration> {
  const merged: Record<string, Migration> = {};
  const owners = new Map<string, string>();
  for (const set of sets) {
    for (const [name, migration] of Object.entries(set.migrations)) {
      const owner = owners.get(name);
      if (owner !== undefined)
        throw new Error(`Migration ${name} is declared by both ${owner} and ${set.context}`);
      owners.set(name, set.context);
      merged[name] = migration;
    }
  }
  return merged;
}

/** The migrator over these sets (the migrations table stays where databases have it: public). */
export function migratorFor(connection: Connection, sets: readonly MigrationSet[]): Migrator {
  const migrations = mergeMigrations(sets);
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  return new Migrator({ db: tablesOf(connection), provider, migrationTableSchema: 'public' });
}

/** Applies what the database lacks of these sets, in name order; answers the names applied. */
export async function migrateToLatest(
  connection: Connection,
  sets: readonly MigrationSet[],
): Promise<string[]> {
  const { error, results } = await migratorFor(connection, sets).migrateToLatest();
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
