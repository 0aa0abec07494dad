import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { NoTables } from './connection.ts';

/**
 * A query built and compiled once, then run with new parameter values: for the lookups every
 * request makes (a register's rows by VIN), where building and compiling the query again would
 * cost more than binding it. The query is built with placeholder values, one per parameter, and
 * must have exactly that many parameters in its SQL, in that order.
 */
export class CompiledLookup<Row, Params extends readonly unknown[]> {
  private readonly db: Pick<Kysely<NoTables>, 'executeQuery'>;
  private readonly compiled: CompiledQuery<Row>;

  constructor(
    db: Pick<Kysely<NoTables>, 'executeQuery'>,
    build: (...placeholders: Params) => Compilable<Row>,
    placeholders: Params,
  ) {
    this.db = db;
    this.compiled = build(...placeholders).compile();
    const count = this.compiled.parameters.length;
    if (
      count !== placeholders.length ||
      this.compiled.parameters.some((value, i) => value !== placeholders[i])
    ) {
      throw new Error(
        `a compiled lookup must bind its ${placeholders.length} parameter(s) in order, once each`,
      );
    }
  }

  /** The rows for these parameter values. */
  async rows(...values: Params): Promise<Row[]> {
    const result = await this.db.executeQuery<Row>({ ...this.compiled, parameters: values });
    return result.rows;
  }

  /** The first row, or undefined. */
  async first(...values: Params): Promise<Row | undefined> {
    return (await this.rows(...values))[0];
  }
}

/** The placeholder for a VIN when a lookup by VIN is compiled (no VIN can equal it). */
export const VIN_PLACEHOLDER = '\u0000vin';
