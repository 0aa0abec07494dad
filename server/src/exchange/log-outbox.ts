import { type Connection, tablesOf } from '../db/index.ts';
import type { AdminLogRow, ExchangeTables, MessageLogRow } from './tables.ts';

/**
 * One message-log record as the exchange hands it out: the columns it was stored with (their
 * order is `MESSAGE_LOG_COLUMNS`), `seq` as a number.
 */
export type LoggedMessage = Omit<MessageLogRow, 'seq'> & { seq: number };

/** One administrative change (an access right granted or revoked, a member registered). */
export type AdminAction = Omit<AdminLogRow, 'seq' | 'at'> & { seq: number; at: Date };

/**
 * An append-only log others read by position: the audit feed follows it with a cursor it
 * keeps itself, so the exchange's tables stay the exchange's.
 */
export interface LogOutbox<Entry extends { seq: number }> {
  /**
   * Entries whose `seq` is above `cursor`, in `seq` order, at most `limit`. A sequence number
   * may be missing for good (a rolled-back insert) or for a moment (a transaction still
   * committing): a reader that must not skip one waits before it moves past a hole.
   */
  readAfter(cursor: number, limit: number): Promise<Entry[]>;
}

export type MessageLogReader = LogOutbox<LoggedMessage>;
export type AdminLogReader = LogOutbox<AdminAction>;

/** Both logs of the exchange that leave it: messages, and the operator's changes. */
export interface ExchangeLogs {
  messages: MessageLogReader;
  admin: AdminLogReader;
}

export function exchangeLogs(connection: Connection): ExchangeLogs {
  const db = tablesOf<ExchangeTables>(connection);
  return {
    messages: {
      async readAfter(cursor, limit) {
        const rows = await db
          .selectFrom('exchange.message_log')
          .selectAll()
          .where('seq', '>', String(cursor))
          .orderBy('seq')
          .limit(limit)
          .execute();
        // The column is a bigint (a string on the wire); positions stay far below 2^53.
        for (const row of rows) (row as unknown as LoggedMessage).seq = Number(row.seq);
        return rows as unknown as LoggedMessage[];
      },
    },
    admin: {
      async readAfter(cursor, limit) {
        const rows = await db
          .selectFrom('exchange.admin_log')
          .selectAll()
          .where('seq', '>', String(cursor))
          .orderBy('seq')
          .limit(limit)
          .execute();
        return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
      },
    },
  };
}
