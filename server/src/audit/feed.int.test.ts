import { decodeEntry } from '@civitas/contracts/log/access-entry.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { tablesOf } from '../db/connection.ts';
import type { AdminAction, ExchangeLogs, LoggedMessage } from '../exchange/index.ts';
import { LogFeed } from './feed.ts';
import { LogSequencer } from './log/sequencer.ts';
import type { AuditTables } from './tables.ts';

/** A consumer-side message record (no person's data): fed as a `message` entry. */
function message(seq: number): LoggedMessage {
  return {
    seq,
    node_id: 'node-1',
    side: 'consumer',
    message_id: `message-${seq}`,
    client: 'BG/GOV/177547175/civitas-portal',
    service: 'BG/GOV/831661388/population-register/persons',
    method: 'GET',
    path: '/persons',
    user_id: null,
    purpose: 'data-subject-access',
    legal_basis: 'gdpr-art-15',
    case_ref: null,
    data_subject: null,
    request_hash: null,
    response_hash: null,
    request_signature: null,
    response_signature: null,
    status: 200,
    error_type: null,
    request_bytes: 0,
    response_bytes: 0,
    started_at: new Date('2026-12-06T03:00:00Z'),
    duration_ms: 1,
    request_body: null,
    response_body: null,
  };
}

/** The exchange's outbox as the feed sees it, over records a test puts in (in any order). */
function fakeOutbox(): ExchangeLogs & { messageLog: LoggedMessage[]; adminLog: AdminAction[] } {
  const messageLog: LoggedMessage[] = [];
  const adminLog: AdminAction[] = [];
  const after = <E extends { seq: number }>(log: E[], cursor: number, limit: number) =>
    log
      .filter((entry) => entry.seq > cursor)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
  return {
    messageLog,
    adminLog,
    messages: { readAfter: async (cursor, limit) => after(messageLog, cursor, limit) },
    admin: { readAfter: async (cursor, limit) => after(adminLog, cursor, limit) },
  };
}

describe.each(testDatabases())(
  'the log feed, reading the exchange through its outbox, on $name',
  (engine) => {
    let database: DatabaseHandle;
    let sequencer: LogSequencer;

    beforeAll(async () => {
      database = await engine.open();
      sequencer = await LogSequencer.open(database.db);
    });
    afterAll(async () => {
      await sequencer?.close();
      await database?.close();
    });

    const fedQueryIds = async () =>
      (
        await tablesOf<AuditTables>(database.db)
          .selectFrom('audit.log_entries')
          .select('data')
          .orderBy('idx')
          .execute()
      ).map((row) => (decodeEntry(row.data) as { queryId?: string }).queryId);

    it('feeds in sequence order, waits at a hole, and feeds nothing twice', async () => {
      const outbox = fakeOutbox();
      const feed = new LogFeed(database.db, sequencer, outbox, { gapWaitMs: 60_000 });
      outbox.messageLog.push(message(1), message(2), message(4));
      // Record 3 is still being committed: the feed stops before it rather than skip it.
      expect(await feed.run()).toBe(2);
      outbox.messageLog.push(message(3));
      expect(await feed.run()).toBe(2);
      expect(await feed.run()).toBe(0);
      expect(await fedQueryIds()).toEqual(['message-1', 'message-2', 'message-3', 'message-4']);
    });

    it('moves past a hole that stays open longer than it waits (a rolled-back insert)', async () => {
      const outbox = fakeOutbox();
      // The cursor is the feed's own, kept in the database: a new feed resumes after record 4.
      // Long enough that a run on a loaded machine does not outlast it by itself.
      const feed = new LogFeed(database.db, sequencer, outbox, { gapWaitMs: 2_000 });
      outbox.messageLog.push(message(4), message(5), message(7));
      expect(await feed.run()).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      expect(await feed.run()).toBe(1);
      expect((await fedQueryIds()).slice(-2)).toEqual(['message-5', 'message-7']);
    });

    it('feeds the administrative log beside the message log, each with its own cursor', async () => {
      const outbox = fakeOutbox();
      const feed = new LogFeed(database.db, sequencer, outbox);
      outbox.messageLog.push(message(7));
      outbox.adminLog.push({
        seq: 1,
        actor: 'operator',
        action: 'access-right.grant',
        subject: 'BG/GOV/177547175/civitas-portal',
        details: '{}',
        at: new Date('2026-12-06T03:00:00Z'),
      });
      expect(await feed.run()).toBe(1);
      const last = await tablesOf<AuditTables>(database.db)
        .selectFrom('audit.log_entries')
        .select('data')
        .orderBy('idx', 'desc')
        .executeTakeFirstOrThrow();
      expect(decodeEntry(last.data)).toMatchObject({ kind: 'admin', action: 'access-right.grant' });
    });
  },
);
