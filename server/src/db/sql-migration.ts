import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Runs DDL statements one by one: PGlite's extended protocol takes one statement per query. */
export async function execStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** A migration written as plain SQL statements, the same on PGlite and PostgreSQL. */
export function sqlMigration(up: readonly string[], down: readonly string[] = []): Migration {
  return {
    up: (db) => execStatements(db, up),
    down: (db) => execStatements(db, down),
  };
}
