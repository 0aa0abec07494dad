/** Rows per statement at most: PostgreSQL takes at most 65,535 parameters in one statement. */
const DEFAULT_MAX_ROWS = 500;

/**
 * SQLSTATE classes of failures caused by a row's own content (22 data exception, such as a NUL
 * byte in text, 22021; 23 integrity constraint violation; 54 program limit exceeded, such as an
 * index row too large): another statement without that row succeeds. A lost connection, a full
 * disk or a server shutting down is none of these, and fails every row alike.
 */
const ROW_FAULT_CLASSES = new Set(['22', '23', '54']);

/** Whether a database error was caused by the content of the rows written, not by the database. */
export function isRowFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && ROW_FAULT_CLASSES.has(code.slice(0, 2));
}

interface Append<Row> {
  rows: Row[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** Rows per statement at most (default 500). */
  maxRows?: number;
  /**
   * Whether a failed statement may have failed because of one of its rows, so that writing the
   * appends apart would store the others. Default: `isRowFault` (PostgreSQL's data and
   * constraint errors).
   */
  isolates?: (error: unknown) => boolean;
  /**
   * Statements in flight at once (default 1): with more, the next group is written while the last
   * one commits, on another connection (the rows' order across groups is then the commits').
   */
  writers?: number;
}

/**
 * Group commit for an append-only table: whatever is appended while one write is in flight goes
 * into the next one, and each `append` resolves only once its rows are committed (or rejects if
 * their write failed). Under load a statement carries many rows, so the database's per-statement
 * and per-commit costs are shared; alone, a row is written at once.
 *
 * One bad row never fails the others: when a statement fails because of its rows' content
 * (`isolates`), its appends are written again in halves, and halves of halves, until the appends
 * that fail on their own are found; only those reject. k bad appends among n cost about
 * 2·k·log2(n) more statements. The rows of one append always go into the same statement, unless
 * they are more than `maxRows` (then they are written in several, and are not atomic).
 */
export class GroupCommit<Row> {
  private readonly write: (rows: Row[]) => Promise<void>;
  private readonly maxRows: number;
  private readonly isolates: (error: unknown) => boolean;
  private readonly writers: number;
  private waiting: Array<Append<Row>> = [];
  private writing = 0;
  private drained: Array<() => void> = [];

  /** `write` stores the rows in one statement (at most `maxRows` of them) and resolves once committed. */
  constructor(write: (rows: Row[]) => Promise<void>, options: number | GroupCommitOptions = {}) {
    const settings = typeof options === 'number' ? { maxRows: options } : options;
    this.write = write;
    this.maxRows = settings.maxRows ?? DEFAULT_MAX_ROWS;
    this.isolates = settings.isolates ?? isRowFault;
    this.writers = Math.max(1, settings.writers ?? 1);
  }

  /** Appends rows (they go into the same statement); resolves once they are committed. */
  append(...rows: Row[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      if (this.writing < this.writers) void this.writeBuffered();
    });
  }

  /** Waits until everything appended so far is stored. */
  async drain(): Promise<void> {
    while (this.writing > 0 || this.waiting.length > 0) {
      await new Promise<void>((resolve) => this.drained.push(resolve));
    }
  }

  private async writeBuffered(): Promise<void> {
    this.writing++;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      for (const statement of this.statements(batch)) await this.writeIsolating(statement);
    }
    this.writing--;
    if (this.writing === 0) for (const resolve of this.drained.splice(0)) resolve();
  }

  /** Splits a batch into statements of at most `maxRows` rows, never splitting an append that fits. */
  private statements(batch: Array<Append<Row>>): Array<Array<Append<Row>>> {
    const statements: Array<Array<Append<Row>>> = [];
    let current: Array<Append<Row>> = [];
    let rows = 0;
    for (const append of batch) {
      if (rows > 0 && rows + append.rows.length > this.maxRows) {
        statements.push(current);
        current = [];
        rows = 0;
      }
      current.push(append);
      rows += append.rows.length;
    }
    if (current.length > 0) statements.push(current);
    return statements;
  }

  /** Writes the appends in one statement; if their content made it fail, writes them apart. */
  private async writeIsolating(appends: Array<Append<Row>>): Promise<void> {
    try {
      await this.writeAppends(appends);
    } catch (error) {
      if (appends.length === 1 || !this.isolates(error)) {
        for (const append of appends) append.reject(error);
        return;
      }
      const half = Math.ceil(appends.length / 2);
      await this.writeIsolating(appends.slice(0, half));
      await this.writeIsolating(appends.slice(half));
      return;
    }
    for (const append of appends) append.resolve();
  }

  private async writeAppends(appends: Array<Append<Row>>): Promise<void> {
    const rows = appends.length === 1 ? appends[0]!.rows : appends.flatMap((append) => append.rows);
    if (rows.length === 0) return;
    for (let from = 0; from < rows.length; from += this.maxRows)
      await this.write(rows.length <= this.maxRows ? rows : rows.slice(from, from + this.maxRows));
  }
}
