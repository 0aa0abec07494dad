import crypto from 'node:crypto';
import { canonicalJson } from '@civitas/contracts/canonical-json.ts';
import {
  type AccessEntry,
  type AdminEntry,
  encodeEntry,
  type MessageEntry,
  subjectCommitment,
} from '@civitas/contracts/log/access-entry.ts';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type Connection, tablesOf } from '../db/index.ts';
import {
  type ExchangeLogs,
  type LoggedMessage,
  type LogOutbox,
  MESSAGE_LOG_COLUMNS,
} from '../exchange/index.ts';
import { accessesAfter, type OutboxAccess } from './access-outbox.ts';
import { dataCategoriesOf } from './data-categories.ts';
import type { LogSequencer } from './log/sequencer.ts';
import type { AuditTables, UsageRow } from './tables.ts';

/** Rows turned into entries between two turns of the event loop. */
const YIELD_EVERY = 200;

export interface FeedOptions {
  /** Rows read per source per round. */
  batch?: number;
  /** How long a hole in a source's sequence is waited for (a transaction still committing). */
  gapWaitMs?: number;
}

/** The exchange's two logs, and the accesses other contexts record themselves (access-outbox.ts). */
type Source = keyof ExchangeLogs | 'accesses';

/**
 * Feeds the exchange's logs into the transparency log: every message-log record (as its
 * hash plus the public facts), every administrative change, and, for each access to a
 * person's data, a usage record for the data tracker. Each round appends its entries, stores
 * the usage records and advances the source cursors in one transaction, so nothing is fed
 * twice or lost across a crash. The exchange's logs are read through its outbox (`logs`):
 * the cursors are the feed's, in its own table; the exchange's tables stay the exchange's.
 */
export class LogFeed {
  private readonly db: Kysely<AuditTables>;
  private readonly sequencer: LogSequencer;
  private readonly logs: ExchangeLogs;
  private readonly batch: number;
  private readonly gapWaitMs: number;
  private readonly gapsSeen = new Map<string, number>();
  private running: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(db: Connection, sequencer: LogSequencer, logs: ExchangeLogs, options: FeedOptions = {}) {
    this.db = tablesOf<AuditTables>(db);
    this.sequencer = sequencer;
    this.logs = logs;
    this.batch = options.batch ?? 2_000;
    this.gapWaitMs = options.gapWaitMs ?? 2_000;
  }

  start(intervalMs: number, report: (error: unknown) => void): void {
    this.timer = setInterval(() => {
      this.run().catch(report);
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** Feeds until both sources are read up; resolves with the number of entries appended. */
  run(): Promise<number> {
    this.running ??= this.runNow().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runNow(): Promise<number> {
    let total = 0;
    for (;;) {
      const appended = (await this.feedMessages()) + (await this.feedAdmin()) + (await this.feedAccesses());
      total += appended;
      if (appended === 0) return total;
    }
  }

  private async cursor(source: Source): Promise<number> {
    // The cursors keep the names of the exchange's tables they were first kept for.
    const stored = CURSOR_NAMES[source];
    const row = await this.db
      .selectFrom('audit.feed_cursors')
      .select('position')
      .where('source', '=', stored)
      .executeTakeFirst();
    return row ? Number(row.position) : 0;
  }

  /** The rows after `position` that can be fed now: up to the first hole still being waited for. */
  private contiguous<Row extends { seq: number }>(source: Source, position: number, rows: Row[]): Row[] {
    const taken: Row[] = [];
    let expected = position + 1;
    for (const row of rows) {
      const seq = row.seq;
      if (seq !== expected) {
        const key = `${source}:${expected}`;
        const firstSeen = this.gapsSeen.get(key) ?? Date.now();
        this.gapsSeen.set(key, firstSeen);
        // A sequence value can be skipped for good (a rolled-back insert): give it a while.
        if (Date.now() - firstSeen < this.gapWaitMs) break;
        this.gapsSeen.delete(key);
      }
      taken.push(row);
      expected = seq + 1;
    }
    return taken;
  }

  /** The records of a source log not fed yet, in order, up to the first hole still waited for. */
  private async unread<Entry extends { seq: number }>(
    source: Source,
    outbox: Pick<LogOutbox<Entry>, 'readAfter'>,
  ): Promise<Entry[]> {
    const position = await this.cursor(source);
    return this.contiguous(source, position, await outbox.readAfter(position, this.batch));
  }

  private async feedMessages(): Promise<number> {
    const taken = await this.unread('messages', this.logs.messages);
    if (taken.length === 0) return 0;
    const usage: Array<Omit<UsageRow, 'log_index'> & { offset: number }> = [];
    const entries: Uint8Array[] = [];
    for (const [offset, row] of taken.entries()) {
      // A round can hold thousands of rows: let requests through between slices of the work.
      if (offset > 0 && offset % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      const access = accessOf(row);
      if (access) usage.push({ ...access.usage, offset });
      entries.push(encodeEntry(access ? access.entry : messageEntry(row)));
    }
    await this.sequencer.appendBatch(entries, async (trx, first) => {
      if (usage.length > 0) await insertUsage(trx, first, usage);
      await saveCursor(trx, 'messages', taken.at(-1)!.seq);
    });
    return taken.length;
  }

  private async feedAdmin(): Promise<number> {
    const taken = await this.unread('admin', this.logs.admin);
    if (taken.length === 0) return 0;
    const entries = taken.map((row) => encodeEntry(adminEntry(row.at, row.action, row.subject, row)));
    await this.sequencer.appendBatch(entries, (trx) => saveCursor(trx, 'admin', taken.at(-1)!.seq));
    return taken.length;
  }

  /** The accesses recorded by other contexts (the health record): each an access entry and a usage record. */
  private async feedAccesses(): Promise<number> {
    const taken = await this.unread('accesses', {
      readAfter: (position, limit) => accessesAfter(this.db, position, limit),
    });
    if (taken.length === 0) return 0;
    const usage: Array<Omit<UsageRow, 'log_index'> & { offset: number }> = [];
    const entries: Uint8Array[] = [];
    for (const [offset, row] of taken.entries()) {
      const access = recordedAccessOf(row);
      usage.push({ ...access.usage, offset });
      entries.push(encodeEntry(access.entry));
    }
    await this.sequencer.appendBatch(entries, async (trx, first) => {
      await insertUsage(trx, first, usage);
      await saveCursor(trx, 'accesses', taken.at(-1)!.seq);
    });
    return taken.length;
  }
}

/** The feed's cursor rows, by source (stored names: databases already hold them). */
const CURSOR_NAMES: Readonly<Record<Source, string>> = {
  messages: 'message_log',
  admin: 'admin_log',
  accesses: 'access_outbox',
};

/** SHA-256 in hex on node:crypto: the feed hashes every message-log record (the browser never does). */
function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** The log entry of an administrative action; `record` is the full record, hashed. */
export function adminEntry(at: Date, action: string, subject: string, record: unknown): AdminEntry {
  return {
    v: 1,
    kind: 'admin',
    time: at.toISOString(),
    action,
    subject,
    record: sha256Hex(canonicalJson(record)),
  };
}

/** The message-log columns of version 1 of the record hash, in this order. */
const VERSION_1_COLUMNS = ['seq', ...MESSAGE_LOG_COLUMNS] as const;

/**
 * The message-log columns a record hash covers: version 1's, then the company the call was made
 * for (`X-Road-Represented-Party`), appended only when there is one, so the hashes of records
 * without one are version 1's, unchanged.
 */
export const RECORD_COLUMNS = [...VERSION_1_COLUMNS, 'represented_party'] as const;

/**
 * SHA-256 of the record as a JSON array of its columns in a fixed order: one string per record,
 * without sorting keys (the feed hashes thousands of records a second).
 */
export function recordHash(row: LoggedMessage): string {
  const values: unknown[] = VERSION_1_COLUMNS.map((column) => {
    const value = row[column];
    if (column === 'seq') return Number(value);
    return value instanceof Date ? value.toISOString() : (value ?? null);
  });
  const party = (row as { represented_party?: string | null }).represented_party;
  if (party !== undefined && party !== null) values.push(party);
  return sha256Hex(JSON.stringify(['civitas-message-record/v1', ...values]));
}

function messageEntry(row: LoggedMessage): MessageEntry {
  return {
    v: 1,
    kind: 'message',
    time: row.started_at.toISOString(),
    queryId: row.message_id,
    node: row.node_id,
    side: row.side,
    client: row.client,
    service: row.service,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    status: row.status,
    record: recordHash(row),
  };
}

/** A provider's answer with a person's data: an access the data subject is shown. */
function accessOf(row: LoggedMessage): { entry: AccessEntry; usage: Omit<UsageRow, 'log_index'> } | null {
  if (row.side !== 'provider' || !row.data_subject || row.status >= 400) return null;
  if (!row.client || !row.service || !row.purpose || !row.legal_basis) return null;
  const nonce = crypto.randomBytes(16).toString('base64url');
  const categories = dataCategoriesOf(row.service, row.path);
  const time = row.started_at.toISOString();
  return {
    entry: {
      v: 1,
      kind: 'access',
      time,
      queryId: row.message_id,
      node: row.node_id,
      client: row.client,
      service: row.service,
      purpose: row.purpose,
      legalBasis: row.legal_basis,
      categories,
      status: row.status,
      subject: subjectCommitment(nonce, row.data_subject),
      record: recordHash(row),
    },
    usage: {
      id: crypto.randomUUID(),
      logged_at: row.started_at,
      data_subject: row.data_subject,
      initiator_org: row.client,
      initiator_person: row.user_id,
      receiver: row.service,
      action: row.method ?? 'GET',
      purpose: row.purpose,
      legal_basis: row.legal_basis,
      case_ref: row.case_ref,
      data_categories: categories,
      query_id: row.message_id,
      nonce,
      hidden_until: null,
      hidden_reason: null,
      hidden_by: null,
    },
  };
}

/** The columns of a recorded access its record hash covers, in this order (version 1). */
const OUTBOX_COLUMNS = [
  'seq',
  'id',
  'at',
  'node',
  'data_subject',
  'initiator_org',
  'initiator_person',
  'receiver',
  'action',
  'purpose',
  'legal_basis',
  'data_categories',
  'status',
] as const;

/** SHA-256 of a recorded access, its columns in a fixed order (as `recordHash` for the message log). */
export function accessRecordHash(row: OutboxAccess): string {
  const values = OUTBOX_COLUMNS.map((column) => {
    const value = row[column];
    return value instanceof Date ? value.toISOString() : (value ?? null);
  });
  return sha256Hex(JSON.stringify(['civitas-access-record/v1', ...values]));
}

/** A recorded access: its log entry (committed to the subject, never naming them) and usage record. */
function recordedAccessOf(row: OutboxAccess): { entry: AccessEntry; usage: Omit<UsageRow, 'log_index'> } {
  const nonce = crypto.randomBytes(16).toString('base64url');
  const time = row.at.toISOString();
  return {
    entry: {
      v: 1,
      kind: 'access',
      time,
      queryId: row.id,
      node: row.node,
      client: row.initiator_org,
      service: row.receiver,
      purpose: row.purpose,
      legalBasis: row.legal_basis,
      categories: row.data_categories,
      status: row.status,
      subject: subjectCommitment(nonce, row.data_subject),
      record: accessRecordHash(row),
    },
    usage: {
      id: crypto.randomUUID(),
      logged_at: row.at,
      data_subject: row.data_subject,
      initiator_org: row.initiator_org,
      initiator_person: row.initiator_person,
      receiver: row.receiver,
      action: row.action,
      purpose: row.purpose,
      legal_basis: row.legal_basis,
      case_ref: null,
      data_categories: row.data_categories,
      query_id: row.id,
      nonce,
      hidden_until: null,
      hidden_reason: null,
      hidden_by: null,
    },
  };
}

/**
 * Stores a round's usage records with one statement and one parameter (the records as JSON,
 * however many), hidden from the start where the organisation that made the access hid its
 * case beforehand on the basis the access was made on.
 */
async function insertUsage(
  trx: Transaction<AuditTables>,
  first: number,
  usage: Array<Omit<UsageRow, 'log_index'> & { offset: number }>,
): Promise<void> {
  const records = JSON.stringify(
    usage.map(({ offset, ...record }) => ({ ...record, log_index: first + offset })),
  );
  await sql`INSERT INTO audit.usage (id, log_index, logged_at, data_subject, initiator_org, initiator_person,
      receiver, action, purpose, legal_basis, case_ref, data_categories, query_id, nonce,
      hidden_until, hidden_reason, hidden_by)
    SELECT r.id, r.log_index, r.logged_at, r.data_subject, r.initiator_org, r.initiator_person,
      r.receiver, r.action, r.purpose, r.legal_basis, r.case_ref, r.data_categories, r.query_id, r.nonce,
      h.hidden_until, h.reason, h.hidden_by
    FROM jsonb_populate_recordset(NULL::audit.usage, ${records}::jsonb) AS r
    LEFT JOIN audit.hidden_cases h ON h.initiator_org = r.initiator_org AND h.case_ref = r.case_ref
      AND h.legal_basis = r.legal_basis`.execute(trx);
}

async function saveCursor(trx: Transaction<AuditTables>, source: Source, position: number): Promise<void> {
  await trx
    .insertInto('audit.feed_cursors')
    .values({ source: CURSOR_NAMES[source], position })
    .onConflict((conflict) => conflict.column('source').doUpdateSet({ position }))
    .execute();
}
