import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { NoTables } from './connection.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  /** The connection; each context takes its typed view with `tablesOf`. */
  db: Kysely<NoTables>;
  kind: DatabaseKind;
  /** Where the data lives, without credentials (for logs and health). */
  location: string;
  /**
   * PostgreSQL: the URL connected to, credentials included, for another thread to connect with
   * (the log feed's). Never logged or shown.
   */
  connectionUrl?: string;
  close(): Promise<void>;
  /**
   * PGlite only, for tests: the data directory as a tarball, after a checkpoint (a database
   * migrated and seeded once per test run, loaded again with `loadDataDir`).
   */
  dump?(): Promise<Blob>;
}

export interface ConnectOptions {
  /** A postgres:// URL; without it the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` or undefined for an in-memory database. */
  dataDir?: string | undefined;
  poolSize?: number;
  /**
   * PGlite only, for tests: start from this data directory (a `dumpDataDir` tarball, e.g. a
   * database migrated and seeded once per test run) instead of an empty one.
   */
  loadDataDir?: Blob | undefined;
}

const PG_DATE = 1082;
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

// Calendar dates stay 'YYYY-MM-DD' strings on both engines: a JS Date would shift them by the
// server's time zone. Counts (int8) fit a double in this system.
pg.types.setTypeParser(PG_DATE, (value) => value);
pg.types.setTypeParser(PG_INT8, (value) => Number(value));
pg.types.setTypeParser(PG_NUMERIC, (value) => Number(value));

export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.poolSize ?? 10);
  return connectPglite(options.dataDir, options.loadDataDir);
}

/**
 * A statement that starts with this comment is never named: PostgreSQL plans it for its values
 * every time. A named statement gets a generic plan after five runs, blind to its values; for a
 * search (`patient_id = ANY($2)` with one patient, a code of a few rows) that plan scans an index
 * range of every patient's rows and costs a thousand times the custom one.
 */
export const CUSTOM_PLAN = '/* civitas:custom-plan */';

/** Statement texts with a name, shared by every connection: one name always stands for one text. */
const statementNames = new Map<string, string>();
/** At most this many texts are named (texts built with a varying shape beyond it stay unnamed). */
const MAX_NAMED_STATEMENTS = 2_000;
/** Statements prepared on one connection at most (each holds a plan in its backend). */
const MAX_PREPARED_PER_CONNECTION = 500;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `civitas_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A pg client that prepares each parameterised statement once per connection, as a named
 * statement, so PostgreSQL parses and plans it once instead of on every call (as postgres.js and
 * pgx do by default); later calls only bind and execute. Statements without parameters (DDL,
 * several statements in one text) keep the simple protocol.
 */
class PreparingClient extends pg.Client {
  private readonly prepared = new Set<string>();

  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; this passes them through
  override query(config: any, values?: any, callback?: any): any {
    if (
      typeof config === 'string' &&
      Array.isArray(values) &&
      values.length > 0 &&
      callback === undefined &&
      !config.startsWith(CUSTOM_PLAN)
    ) {
      const name = statementName(config);
      if (name && (this.prepared.has(name) || this.prepared.size < MAX_PREPARED_PER_CONNECTION)) {
        this.prepared.add(name);
        // A Query made from the text and named afterwards: a config object would be copied
        // property by property on every call.
        const query = new pg.Query(config, values) as pg.Query & {
          name?: string;
          callback?: (error: Error | null, result: pg.QueryResult) => void;
        };
        query.name = name;
        return new Promise((resolve, reject) => {
          query.callback = (error, result) => (error ? reject(error) : resolve(result));
          super.query(query);
        });
      }
    }
    return super.query(config, values, callback);
  }
}

function connectPostgres(databaseUrl: string, poolSize: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    application_name: 'civitas',
    Client: PreparingClient,
  });
  // An idle client that loses its connection must not crash the process; the next query retries.
  pool.on('error', () => {});
  const db = new Kysely<NoTables>({ dialect: new PostgresDialect({ pool }) });
  const url = new URL(databaseUrl);
  return {
    db,
    kind: 'postgres',
    location: `postgres://${url.hostname}:${url.port || 5432}${url.pathname}`,
    connectionUrl: databaseUrl,
    close: () => db.destroy(),
  };
}

async function connectPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const inMemory = !dataDir || dataDir === 'memory://';
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = await PGlite.create({
    ...(inMemory ? {} : { dataDir }),
    ...(loadDataDir && { loadDataDir }),
    parsers: { [PG_DATE]: (value: string) => value, [PG_INT8]: Number, [PG_NUMERIC]: Number },
  });
  const db = new Kysely<NoTables>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    location: inMemory ? 'pglite:memory' : `pglite:${path.resolve(dataDir)}`,
    dump: async () => {
      await client.exec('CHECKPOINT');
      return client.dumpDataDir('none');
    },
    close: async () => {
      await db.destroy();
      if (!client.closed) await client.close();
    },
  };
}
