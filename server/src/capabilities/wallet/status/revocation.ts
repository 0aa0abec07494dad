import { type Kysely, sql } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import type { RegisterChange, RegisterChanges } from '../../../registers/index.ts';
import type { SourceChange, StatusListsService } from './service.ts';
import type { StatusTables } from './tables.ts';

export interface RevocationWorkerOptions {
  /** The registers' change outbox as seen through a connection (the worker's transaction). */
  changes: (connection: Connection) => RegisterChanges;
  /** Changes read per round. */
  batch?: number;
  /** How long a hole in the outbox's ids is waited for (a transaction still committing). */
  gapWaitMs?: number;
  /** Told of each change applied and how many copies it changed (for the operator's log). */
  applied?: (change: RegisterChange, changed: number) => void;
}

const CURSOR = 'register-changes';

/**
 * What a register change does to the copies made from the record: a suspension suspends them, a
 * restoration restores the suspended ones, a death revokes everything the person holds, and any
 * other change (licence withdrawn or expired, vehicle re-registered, …) revokes them.
 */
export function effectOf(kind: string): { change: SourceChange; wholePerson: boolean } {
  if (/(^|-)(deceased|death|died)($|-)/.test(kind)) return { change: 'revoke', wholePerson: true };
  if (/(^|-)suspended$/.test(kind)) return { change: 'suspend', wholePerson: false };
  if (/(^|-)(restored|reinstated|unsuspended)$/.test(kind)) return { change: 'restore', wholePerson: false };
  return { change: 'revoke', wholePerson: false };
}

/**
 * Follows the registers' change outbox and revokes (or suspends, or restores) the copies made
 * from each changed record. Its cursor is its own (`wallet.status_cursors`); each round applies
 * the changes and moves the cursor in one transaction, so a change is applied once, even with
 * several processes (the cursor row is locked while a round runs).
 */
export class RevocationWorker {
  private readonly db: Kysely<StatusTables>;
  private readonly lists: StatusListsService;
  private readonly options: RevocationWorkerOptions;
  private readonly gapsSeen = new Map<number, number>();
  private running: Promise<number> | null = null;
  private timers: NodeJS.Timeout[] = [];

  constructor(db: Connection, lists: StatusListsService, options: RevocationWorkerOptions) {
    this.db = tablesOf<StatusTables>(db);
    this.lists = lists;
    this.options = options;
  }

  /** Polls the outbox every `intervalMs`, and sweeps expired copies every `sweepMs` (and once now). */
  start(intervalMs: number, sweepMs: number, report: (error: unknown) => void): void {
    const poll = setInterval(() => {
      this.run().catch(report);
    }, intervalMs);
    const sweep = setInterval(() => {
      this.lists.revokeExpired().catch(report);
    }, sweepMs);
    poll.unref();
    sweep.unref();
    this.timers = [poll, sweep];
    this.lists.revokeExpired().catch(report);
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.running?.catch(() => 0);
  }

  /** Applies every change there is; resolves with how many changes were read. */
  run(): Promise<number> {
    this.running ??= this.runNow().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runNow(): Promise<number> {
    let total = 0;
    for (;;) {
      const read = await this.db.transaction().execute((tx) => this.round(tx));
      total += read;
      if (read === 0) return total;
    }
  }

  private async round(tx: Kysely<StatusTables>): Promise<number> {
    await tx
      .insertInto('wallet.status_cursors')
      .values({ name: CURSOR, position: '0' })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    const { position } = await sql<{ position: string }>`
      SELECT position FROM wallet.status_cursors WHERE name = ${CURSOR} FOR UPDATE`
      .execute(tx)
      .then((result) => result.rows[0]!);
    const cursor = Number(position);
    const rows = this.contiguous(
      cursor,
      await this.options.changes(tx).readAfter(cursor, this.options.batch ?? 500),
    );
    for (const change of rows) await this.apply(tx, change);
    if (rows.length > 0) {
      await tx
        .updateTable('wallet.status_cursors')
        .set({ position: String(rows.at(-1)!.id) })
        .where('name', '=', CURSOR)
        .execute();
    }
    return rows.length;
  }

  private async apply(tx: Kysely<StatusTables>, change: RegisterChange): Promise<void> {
    const { change: effect, wholePerson } = effectOf(change.kind);
    let changed = 0;
    if (wholePerson)
      changed += await this.lists.revokeBySubject(change.subject ?? change.key, change.kind, tx);
    changed += await this.lists.changeBySource(
      { register: change.register, key: change.key },
      effect,
      change.kind,
      tx,
    );
    this.options.applied?.(change, changed);
  }

  /** The changes after `cursor` that can be applied now: up to the first hole still waited for. */
  private contiguous(cursor: number, rows: RegisterChange[]): RegisterChange[] {
    const taken: RegisterChange[] = [];
    let expected = cursor + 1;
    for (const row of rows) {
      if (row.id !== expected) {
        const firstSeen = this.gapsSeen.get(expected) ?? Date.now();
        this.gapsSeen.set(expected, firstSeen);
        // An id can be skipped for good (a rolled-back insert): give it a while, then go on.
        if (Date.now() - firstSeen < (this.options.gapWaitMs ?? 2_000)) break;
        this.gapsSeen.delete(expected);
      }
      taken.push(row);
      expected = row.id + 1;
    }
    return taken;
  }
}
