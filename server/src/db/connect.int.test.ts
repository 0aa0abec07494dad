import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { CUSTOM_PLAN, type DatabaseHandle } from './connect.ts';
import type { NoTables } from './connection.ts';

const postgres = testDatabases().find((engine) => engine.name === 'postgres');

// The statement cache is the `pg` pool's (PGlite runs in process, with nothing to prepare).
// PostgreSQL comes from TEST_DATABASE_URL, which CI always sets (testDatabases() fails in CI
// without it); on a machine without it only PGlite runs.
describe.runIf(postgres !== undefined)('statements on PostgreSQL', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await postgres!.open();
  });
  afterAll(() => database?.close());

  /** The statements prepared on the connection a query runs on, in one transaction (one connection). */
  async function preparedAfter(work: (trx: Transaction<NoTables>) => Promise<unknown>) {
    return database.db.transaction().execute(async (trx) => {
      await work(trx);
      const rows = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(
        trx,
      );
      return rows.rows.map((row) => row.statement);
    });
  }

  it('prepares a parameterised statement once per connection and answers it every time', async () => {
    const statements = await preparedAfter(async (trx) => {
      for (const n of [1, 2, 3]) {
        const result = await sql<{ doubled: number }>`SELECT ${n}::int * 2 AS doubled`.execute(trx);
        expect(result.rows).toEqual([{ doubled: n * 2 }]);
      }
    });
    expect(statements.filter((text) => text.includes('AS doubled'))).toHaveLength(1);
  });

  it('never names a statement marked for a custom plan (planned for its values every time)', async () => {
    const statements = await preparedAfter(async (trx) => {
      for (const n of [1, 2, 3, 4, 5, 6, 7]) {
        const result = await sql<{
          tripled: number;
        }>`${sql.raw(CUSTOM_PLAN)} SELECT ${n}::int * 3 AS tripled`.execute(trx);
        expect(result.rows).toEqual([{ tripled: n * 3 }]);
      }
    });
    expect(statements.some((text) => text.includes('AS tripled'))).toBe(false);
  });

  it('keeps statements without parameters (several in one text) on the simple protocol', async () => {
    const statements = await preparedAfter(async (trx) => {
      await sql`CREATE TEMP TABLE scratch (n int); INSERT INTO scratch VALUES (1), (2)`.execute(trx);
      const count = await sql<{ count: number }>`SELECT count(*)::int AS count FROM scratch`.execute(trx);
      expect(count.rows).toEqual([{ count: 2 }]);
    });
    expect(statements.some((text) => text.includes('scratch'))).toBe(false);
  });

  it('reports a failing statement as an error, and runs it once its table exists', async () => {
    const select = (trx: Transaction<NoTables>) =>
      sql<{ n: number }>`SELECT n FROM later WHERE n > ${0}`.execute(trx);
    await expect(database.db.transaction().execute(select)).rejects.toThrow(
      /relation "later" does not exist/,
    );
    await sql`CREATE TABLE later (n int)`.execute(database.db);
    await sql`INSERT INTO later VALUES (5)`.execute(database.db);
    const rows = await database.db.transaction().execute(select);
    expect(rows.rows).toEqual([{ n: 5 }]);
  });
});
