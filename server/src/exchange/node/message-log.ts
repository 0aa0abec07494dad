import { CompiledQuery, type Kysely } from 'kysely';
import { type Connection, GroupCommit, tablesOf } from '../../db/index.ts';
import type { RequestEnvelope } from '../protocol/envelope.ts';
import type { ExchangeTables, MessageLogRow } from '../tables.ts';

/** A record to append; `started_at` is an ISO timestamp. */
export type MessageRecord = Omit<MessageLogRow, 'seq' | 'started_at'> & { started_at: string };

export type BodyLogging = 'full' | 'metadata';

/** The message log's columns as the node writes them (all but `seq`), in table order. */
export const MESSAGE_LOG_COLUMNS = [
  'node_id',
  'side',
  'message_id',
  'client',
  'service',
  'method',
  'path',
  'user_id',
  'purpose',
  'legal_basis',
  'case_ref',
  'data_subject',
  'request_hash',
  'response_hash',
  'request_signature',
  'response_signature',
  'status',
  'error_type',
  'request_bytes',
  'response_bytes',
  'started_at',
  'duration_ms',
  'request_body',
  'response_body',
] as const satisfies ReadonlyArray<keyof MessageRecord>;

/**
 * The columns written, in table order: the published ones, then the represented party (the audit
 * feed's record hash covers it when there is one, after version 1's columns).
 */
const WRITTEN_COLUMNS = [...MESSAGE_LOG_COLUMNS, 'represented_party'] as const satisfies ReadonlyArray<
  keyof MessageRecord
>;

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_ROWS_PER_INSERT = 500;

/**
 * The message log, group-committed (`GroupCommit`): each `append` resolves only once its rows
 * are committed, and under load one statement carries many messages.
 *
 * A multi-row `INSERT … VALUES` with one parameter per value: PostgreSQL plans it far more
 * cheaply than an `unnest` of typed arrays, and no array literals are built or parsed (the
 * statement text is cached per row count).
 */
export class MessageLog {
  private readonly db: Kysely<ExchangeTables>;
  private readonly bodies: BodyLogging;
  private readonly writer = new GroupCommit<MessageRecord>((rows) => this.insert(rows), MAX_ROWS_PER_INSERT);
  private readonly statements = new Map<number, string>();

  constructor(db: Connection, bodies: BodyLogging) {
    this.db = tablesOf<ExchangeTables>(db);
    this.bodies = bodies;
  }

  /** Appends records (several go into the same statement); resolves once they are committed. */
  append(...records: MessageRecord[]): Promise<void> {
    return this.writer.append(
      ...(this.bodies === 'full'
        ? records
        : records.map((record) => ({ ...record, request_body: null, response_body: null }))),
    );
  }

  /** Waits until everything appended so far is stored. */
  drain(): Promise<void> {
    return this.writer.drain();
  }

  private async insert(rows: MessageRecord[]): Promise<void> {
    const parameters: unknown[] = [];
    for (const row of rows) for (const column of WRITTEN_COLUMNS) parameters.push(row[column] ?? null);
    await this.db.executeQuery(CompiledQuery.raw(this.statement(rows.length), parameters));
  }

  private statement(rows: number): string {
    let text = this.statements.get(rows);
    if (text === undefined) {
      const tuples: string[] = [];
      for (let row = 0; row < rows; row++) {
        const base = row * WRITTEN_COLUMNS.length;
        tuples.push(`(${WRITTEN_COLUMNS.map((_, column) => `$${base + column + 1}`).join(', ')})`);
      }
      text = `INSERT INTO exchange.message_log (${WRITTEN_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
      if (rows <= 64) this.statements.set(rows, text);
    }
    return text;
  }
}

/** What either side of an exchange knows about one message when it logs it. */
export interface MessageFacts {
  side: 'consumer' | 'provider';
  nodeId: string;
  /** Null when the request never became a trusted envelope (malformed, forged). */
  envelope: RequestEnvelope | null;
  requestSignature: string | null;
  requestBytes: number;
  requestBody: Buffer | null;
  status: number;
  errorType?: string | undefined;
  requestHash: string | null;
  responseHash?: string | undefined;
  responseSignature?: string | undefined;
  responseBody: Buffer;
  started: number;
}

export function messageRecord(facts: MessageFacts): MessageRecord {
  const { envelope } = facts;
  return {
    node_id: facts.nodeId,
    side: facts.side,
    message_id: envelope?.id ?? (facts.side === 'provider' ? 'unverified' : 'unknown'),
    client: envelope?.client ?? null,
    service: envelope?.service ?? null,
    method: envelope?.method ?? null,
    path: envelope?.path ?? null,
    user_id: envelope?.userId ?? null,
    purpose: envelope?.purpose ?? null,
    legal_basis: envelope?.legalBasis ?? null,
    case_ref: envelope?.caseRef ?? null,
    data_subject: envelope?.dataSubject ?? null,
    represented_party: envelope?.representedParty ?? null,
    request_hash: facts.requestHash,
    response_hash: facts.responseHash ?? null,
    request_signature: facts.requestSignature?.slice(0, 8192) ?? null,
    response_signature: facts.responseSignature ?? null,
    status: facts.status,
    error_type: facts.errorType ?? null,
    request_bytes: facts.requestBytes,
    response_bytes: facts.responseBody.length,
    started_at: new Date(facts.started).toISOString(),
    duration_ms: Date.now() - facts.started,
    request_body:
      facts.requestBody && facts.requestBody.length > 0 ? facts.requestBody.toString('utf8') : null,
    response_body: facts.responseBody.toString('utf8'),
  };
}
