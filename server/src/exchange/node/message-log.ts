import type { Kysely } from 'kysely';
import { BulkInserter } from '../../db/bulk-insert.ts';
import type { Database } from '../../db/schema.ts';
import type { MessageLogRow } from '../tables.ts';

/** A record to append; `started_at` is an ISO timestamp. */
export type MessageRecord = Omit<MessageLogRow, 'seq' | 'started_at'> & { started_at: string };

export type BodyLogging = 'full' | 'metadata';

const MAX_BATCH = 500;
const MAX_WAIT_MS = 2;

/**
 * The node's append-only message log. Records are written in small batches (group commit):
 * a caller's `append` resolves only once its record is stored, so no answer leaves the node
 * unlogged, yet a thousand concurrent messages cost a handful of inserts.
 */
export class MessageLog {
  private readonly inserter: BulkInserter<MessageRecord>;
  private readonly bodies: BodyLogging;
  private waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(db: Kysely<Database>, bodies: BodyLogging) {
    this.bodies = bodies;
    this.inserter = new BulkInserter<MessageRecord>(
      db,
      {
        table: 'exchange.message_log',
        columns: {
          node_id: 'text',
          side: 'text',
          message_id: 'text',
          client: 'text',
          service: 'text',
          method: 'text',
          path: 'text',
          user_id: 'text',
          purpose: 'text',
          legal_basis: 'text',
          case_ref: 'text',
          data_subject: 'text',
          request_hash: 'text',
          response_hash: 'text',
          request_signature: 'text',
          response_signature: 'text',
          status: 'integer',
          error_type: 'text',
          request_bytes: 'integer',
          response_bytes: 'integer',
          started_at: 'timestamptz',
          duration_ms: 'double precision',
          request_body: 'text',
          response_body: 'text',
        },
      },
      Number.MAX_SAFE_INTEGER,
    );
  }

  append(record: MessageRecord): Promise<void> {
    const stored = this.bodies === 'full' ? record : { ...record, request_body: null, response_body: null };
    return new Promise((resolve, reject) => {
      void this.inserter.add(stored);
      this.waiting.push({ resolve, reject });
      if (this.waiting.length >= MAX_BATCH) this.writeBatch();
      else this.timer ??= setTimeout(() => this.writeBatch(), MAX_WAIT_MS);
    });
  }

  /** Waits until everything appended so far is stored. */
  async drain(): Promise<void> {
    if (this.waiting.length > 0) this.writeBatch();
    await this.writing;
  }

  private writeBatch(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    this.waiting = [];
    this.writing = this.writing.then(async () => {
      try {
        await this.inserter.flush();
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    });
  }
}
