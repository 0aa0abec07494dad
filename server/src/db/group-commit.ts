/** Rows per statement at most: PostgreSQL takes at most 65,535 parameters in one statement. */
const DEFAULT_MAX_ROWS = 500;

/**
 * Group commit for an append-only table: whatever is appended while one write is in flight goes
 * into the next one, and each `append` resolves only once its rows are committed (or rejects if
 * their write failed). Under load a statement carries many rows, so the database's per-statement
 * and per-commit costs are shared; alone, a row is written at once.
 */
export class GroupCommit<Row> {
  private readonly write: (rows: Row[]) => Promise<void>;
  private readonly maxRows: number;
  private buffer: Row[] = [];
  private waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private writing = false;
  private drained: Array<() => void> = [];

  /** `write` stores the rows in one statement (at most `maxRows` of them) and resolves once committed. */
  constructor(write: (rows: Row[]) => Promise<void>, maxRows = DEFAULT_MAX_ROWS) {
    this.write = write;
    this.maxRows = maxRows;
  }

  /** Appends rows (they go into the same statement); resolves once they are committed. */
  append(...rows: Row[]): Promise<void> {
    return new Promise((resolve, reject) => {
      for (const row of rows) this.buffer.push(row);
      this.waiting.push({ resolve, reject });
      if (!this.writing) void this.writeBuffered();
    });
  }

  /** Waits until everything appended so far is stored. */
  async drain(): Promise<void> {
    while (this.writing || this.waiting.length > 0) {
      await new Promise<void>((resolve) => this.drained.push(resolve));
    }
  }

  private async writeBuffered(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      const rows = this.buffer;
      this.waiting = [];
      this.buffer = [];
      try {
        for (let from = 0; from < rows.length; from += this.maxRows)
          await this.write(rows.slice(from, from + this.maxRows));
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.writing = false;
    for (const resolve of this.drained.splice(0)) resolve();
  }
}
