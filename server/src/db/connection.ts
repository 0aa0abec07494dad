import { Kysely, type QueryExecutorProvider } from 'kysely';

/** No table: the type of the connection itself, which no context's tables are part of. */
export type NoTables = Record<never, never>;

/**
 * The one connection (or a transaction on it) as it is passed between contexts: any `Kysely<T>`
 * is one. Whoever receives it sees its own tables through `tablesOf`, never another context's.
 */
export type Connection = QueryExecutorProvider;

/**
 * A context's typed view of the connection: the same object (a transaction stays that
 * transaction), typed with the context's own tables. The database layer knows no context's
 * tables; each context declares its own in its tables.ts.
 */
export function tablesOf<Tables>(connection: Connection): Kysely<Tables> {
  if (!(connection instanceof Kysely)) throw new TypeError('a typed view needs a Kysely connection');
  return connection;
}
