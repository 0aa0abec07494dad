import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryExecutorProvider,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { type NoTables, tablesOf } from './connection.ts';

interface ProbeTables {
  'probe.rows': { id: string };
}

/** A connection that compiles queries and answers none (no database needed). */
function offlineConnection(): Kysely<NoTables> {
  return new Kysely<NoTables>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

describe("a context's typed view of the connection", () => {
  it('is the connection itself, typed with the tables the context names', () => {
    const connection = offlineConnection();
    const view = tablesOf<ProbeTables>(connection);
    expect(view).toBe(connection);
    expect(view.selectFrom('probe.rows').select('id').compile().sql).toBe('select "id" from "probe"."rows"');
  });

  it('of a transaction is that transaction, so work stays inside it', async () => {
    await offlineConnection()
      .transaction()
      .execute(async (trx) => {
        expect(tablesOf<ProbeTables>(trx)).toBe(trx);
        expect(tablesOf<ProbeTables>(trx).isTransaction).toBe(true);
      });
  });

  it('is refused for anything that is not a Kysely connection', () => {
    const executorOnly = { getExecutor: () => offlineConnection().getExecutor() } as QueryExecutorProvider;
    expect(() => tablesOf<ProbeTables>(executorOnly)).toThrow('a typed view needs a Kysely connection');
  });
});
