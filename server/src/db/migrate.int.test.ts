import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from './connect.ts';
import { type MigrationSet, mergeMigrations, migrateToLatest } from './migrate.ts';
import { sqlMigration } from './sql-migration.ts';

/** A set whose migrations record, in a shared table, the order they ran in. */
function recording(context: string, names: string[]): MigrationSet {
  const migrations = Object.fromEntries(
    names.map((name) => [
      name,
      sqlMigration([
        'CREATE TABLE IF NOT EXISTS public.ran (n serial PRIMARY KEY, name text NOT NULL)',
        `INSERT INTO public.ran (name) VALUES ('${name}')`,
      ]),
    ]),
  );
  return { context, migrations };
}

async function ran(handle: DatabaseHandle): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM public.ran ORDER BY n`.execute(handle.db);
  return rows.rows.map((row) => row.name);
}

describe('migrations from several contexts', () => {
  let handle: DatabaseHandle | undefined;
  afterEach(() => handle?.close());

  it('run in the order of their names across every set, whatever the order of the sets', async () => {
    handle = await connectDatabase({ dataDir: undefined });
    const first = recording('first', ['0100-a', '0300-a']);
    const second = recording('second', ['0200-b', '0050-b']);
    expect(await migrateToLatest(handle.db, [first, second])).toEqual([
      '0050-b',
      '0100-a',
      '0200-b',
      '0300-a',
    ]);
    expect(await ran(handle)).toEqual(['0050-b', '0100-a', '0200-b', '0300-a']);
  });

  it('apply only what a database lacks, and refuse a new one that sorts before an applied one', async () => {
    handle = await connectDatabase({ dataDir: undefined });
    await migrateToLatest(handle.db, [recording('first', ['0100-a'])]);
    expect(await migrateToLatest(handle.db, [recording('first', ['0100-a', '0200-a'])])).toEqual(['0200-a']);
    await expect(
      migrateToLatest(handle.db, [
        recording('first', ['0100-a', '0200-a']),
        recording('late', ['0150-late']),
      ]),
    ).rejects.toThrow(/0150-late|corrupted|order/i);
    expect(await ran(handle)).toEqual(['0100-a', '0200-a']);
  });

  it('refuse a name claimed by two contexts, naming both', () => {
    expect(() =>
      mergeMigrations([recording('audit', ['0100-x']), recording('exchange', ['0100-x'])]),
    ).toThrow('Migration 0100-x is declared by both audit and exchange');
  });
});
