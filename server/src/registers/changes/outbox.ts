/**
 * The change outbox: every change a register service makes is recorded in `registers.changes`
 * in the same transaction as the change itself, so a reader (the wallet's revocation worker)
 * sees each change exactly when it is committed, in order, and never one that was rolled back.
 */
import { type Connection, tablesOf } from '../../db/index.ts';
import type { ChangeTables } from './tables.ts';

export interface RegisterChange {
  id: number;
  register: string;
  key: string;
  subject: string | null;
  kind: string;
  at: Date;
}

export interface NewRegisterChange {
  register: string;
  key: string;
  subject: string | null;
  kind: string;
}

/** Records a change; pass the transaction that makes the change. Answers the change's id. */
export async function recordChange(connection: Connection, change: NewRegisterChange): Promise<number> {
  const row = await tablesOf<ChangeTables>(connection)
    .insertInto('registers.changes')
    .values({ register: change.register, record_key: change.key, subject: change.subject, kind: change.kind })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface RegisterChanges {
  /**
   * The changes after `cursor` (an id; 0 for all), oldest first, at most `limit` (1..10 000). An id
   * may be missing for a moment (a transaction still committing) or for good (rolled back): a
   * reader that must not skip one reads again from its cursor before it moves past a gap.
   */
  readAfter(cursor: number, limit: number): Promise<RegisterChange[]>;
}

/** The outbox reader: other contexts follow the registers' changes by id. */
export function registerChanges(connection: Connection): RegisterChanges {
  const db = tablesOf<ChangeTables>(connection);
  return {
    async readAfter(cursor, limit) {
      if (!Number.isSafeInteger(cursor) || cursor < 0) throw new RangeError('cursor: a non-negative integer');
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000)
        throw new RangeError('limit: 1..10000');
      const rows = await db
        .selectFrom('registers.changes')
        .select(['id', 'register', 'record_key', 'subject', 'kind', 'at'])
        .where('id', '>', String(cursor))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        register: row.register,
        key: row.record_key,
        subject: row.subject,
        kind: row.kind,
        at: new Date(row.at),
      }));
    },
  };
}
