import { type QueryExecutorProvider, sql } from 'kysely';

export type ColumnType = 'text' | 'date' | 'integer' | 'boolean' | 'timestamptz' | 'double precision';

export interface BulkTableSpec<Row> {
  /** Schema-qualified table name, e.g. `population.persons`. */
  table: string;
  columns: { readonly [K in keyof Row & string]: ColumnType };
}

/**
 * Buffers rows and writes them with one `INSERT … SELECT FROM unnest(arrays)` per batch: one
 * statement and one parameter per column, whatever the batch size, so it runs at bulk speed on
 * PostgreSQL and on PGlite alike (where COPY is not available the same way).
 */
export class BulkInserter<Row extends object> {
  private readonly db: QueryExecutorProvider;
  private readonly spec: BulkTableSpec<Row>;
  private readonly batchSize: number;
  private readonly names: (keyof Row & string)[];
  private buffer: Row[] = [];
  private pending: Promise<void> = Promise.resolve();
  private failure: unknown;
  inserted = 0;

  constructor(db: QueryExecutorProvider, spec: BulkTableSpec<Row>, batchSize = 5_000) {
    this.db = db;
    this.spec = spec;
    this.batchSize = batchSize;
    this.names = Object.keys(spec.columns) as (keyof Row & string)[];
  }

  async add(row: Row): Promise<void> {
    this.buffer.push(row);
    if (this.buffer.length >= this.batchSize) await this.startWrite();
  }

  async addAll(rows: Iterable<Row>): Promise<void> {
    for (const row of rows) await this.add(row);
  }

  /** Writes what is buffered and waits until every write is done; throws the first write error. */
  async flush(): Promise<void> {
    await this.startWrite();
    await this.pending;
    this.throwIfFailed();
  }

  /**
   * One write in flight per table: the generator fills the next batch while the database
   * stores the last one (on PostgreSQL the tables' writes also run on separate connections).
   */
  private async startWrite(): Promise<void> {
    await this.pending;
    this.throwIfFailed();
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    this.pending = this.write(rows).then(
      () => {
        this.inserted += rows.length;
      },
      (error: unknown) => {
        this.failure = error;
      },
    );
  }

  /** Reports a failed write once; later batches are tried afresh. */
  private throwIfFailed(): void {
    if (this.failure === undefined) return;
    const failure = this.failure;
    this.failure = undefined;
    throw failure;
  }

  private async write(rows: Row[]): Promise<void> {
    const arrays = this.names.map((name) => {
      const type = this.spec.columns[name];
      const values = rows.map((row) => row[name] as unknown);
      return sql`${values}::${sql.raw(type)}[]`;
    });
    const [schema, table] = this.spec.table.split('.') as [string, string];
    await sql`INSERT INTO ${sql.id(schema, table)} (${sql.join(this.names.map((name) => sql.id(name)))})
      SELECT * FROM unnest(${sql.join(arrays)})`.execute(this.db);
  }
}
