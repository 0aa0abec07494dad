import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { exchangeLogs } from './log-outbox.ts';
import { AccessRights } from './node/access-rights.ts';
import { MESSAGE_LOG_COLUMNS, MessageLog, type MessageRecord } from './node/message-log.ts';

function record(messageId: string): MessageRecord {
  return {
    node_id: 'test-node',
    side: 'provider',
    message_id: messageId,
    client: 'BG/GOV/177547175/civitas-portal',
    service: 'BG/GOV/831661388/population-register/persons',
    method: 'GET',
    path: '/8503146922',
    user_id: 'official-7',
    purpose: 'address-verification',
    legal_basis: 'civil-registration-act-art-106',
    case_ref: 'case-1',
    data_subject: '8503146922',
    request_hash: 'request-hash',
    response_hash: 'response-hash',
    request_signature: 'request-jws',
    response_signature: 'response-jws',
    status: 200,
    error_type: null,
    request_bytes: 0,
    response_bytes: 2,
    started_at: '2026-12-06T02:00:00.000Z',
    duration_ms: 3,
    request_body: null,
    response_body: '{}',
  };
}

describe.each(testDatabases())('the exchange log outbox, on $name', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('hands out message records after a position, in order, up to a limit, with every column', async () => {
    const log = new MessageLog(handle.db, 'full');
    await log.append(record('m-1'), record('m-2'), record('m-3'));
    const { messages } = exchangeLogs(handle.db);

    const all = await messages.readAfter(0, 10);
    expect(all.map((entry) => entry.message_id)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(all.map((entry) => typeof entry.seq)).toEqual(['number', 'number', 'number']);
    const [first] = all;
    for (const column of MESSAGE_LOG_COLUMNS) expect(first).toHaveProperty(column);
    expect(first!.started_at).toBeInstanceOf(Date);
    expect(first!.started_at.toISOString()).toBe('2026-12-06T02:00:00.000Z');
    expect(first!.data_subject).toBe('8503146922');

    const rest = await messages.readAfter(all[0]!.seq, 1);
    expect(rest.map((entry) => entry.message_id)).toEqual(['m-2']);
    expect(await messages.readAfter(all[2]!.seq, 10)).toEqual([]);
  });

  it('hands out the administrative changes after a position', async () => {
    const { admin } = exchangeLogs(handle.db);
    const before = await admin.readAfter(0, 10_000);
    const cursor = before.at(-1)?.seq ?? 0;
    const rights = new AccessRights(handle.db);
    const right = await rights.grant(
      {
        client: 'BG/GOV/177547175/civitas-portal',
        serviceId: 'BG/GOV/831661388/population-register/persons',
        pairs: [{ purpose: 'address-verification', legalBasis: 'civil-registration-act-art-106' }],
      },
      'admin-1',
    );
    await rights.revoke(right.id, 'admin-2');

    const changes = await admin.readAfter(cursor, 10);
    expect(changes.map((change) => [change.action, change.subject, change.actor])).toEqual([
      ['access-right.granted', right.id, 'admin-1'],
      ['access-right.revoked', right.id, 'admin-2'],
    ]);
    expect(changes[1]!.seq).toBe(changes[0]!.seq + 1);
    expect(changes[0]!.at).toBeInstanceOf(Date);
    expect(Object.keys(changes[0]!).sort()).toEqual(['action', 'actor', 'at', 'details', 'seq', 'subject']);
  });
});
