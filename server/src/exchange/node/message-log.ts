import type { Kysely } from 'kysely';
import { BulkInserter } from '../../db/bulk-insert.ts';
import type { Database } from '../../db/schema.ts';
import type { RequestEnvelope } from '../protocol/envelope.ts';
import type { MessageLogRow } from '../tables.ts';

/** A record to append; `started_at` is an ISO timestamp. */
export type MessageRecord = Omit<MessageLogRow, 'seq' | 'started_at'> & { started_at: string };

export type BodyLogging = 'full' | 'metadata';

export class MessageLog {
  private readonly inserter: BulkInserter<MessageRecord>;
  private readonly bodies: BodyLogging;
  private waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private writing: Promise<void> | null = null;

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
      this.writing ??= this.writeWhileWaiting();
    });
  }

  /** Waits until everything appended so far is stored. */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async writeWhileWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await this.inserter.flush();
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.writing = null;
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
