import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import type { DatabaseHandle } from '../../db/connect.ts';
import { recordChange, registerChanges } from './outbox.ts';

describe.each(testDatabases())('the registers change outbox ($name)', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(async () => handle?.close());

  it('answers the changes after a cursor in order, limited, with their subject and time', async () => {
    const before = Date.now() - 60_000;
    const first = await recordChange(handle.db, {
      register: 'driving-licences',
      key: '200000001',
      subject: '8001010000',
      kind: 'licence-suspended',
    });
    await recordChange(handle.db, {
      register: 'vehicles',
      key: 'WVWZZZ1JZXW000001',
      subject: null,
      kind: 'vehicle-reregistered',
    });
    await recordChange(handle.db, {
      register: 'population-register',
      key: '8001010000',
      subject: '8001010000',
      kind: 'person-deceased',
    });
    const changes = registerChanges(handle.db);
    const all = await changes.readAfter(0, 100);
    expect(all.map((change) => change.kind)).toEqual([
      'licence-suspended',
      'vehicle-reregistered',
      'person-deceased',
    ]);
    expect(all[0]).toMatchObject({
      id: first,
      register: 'driving-licences',
      key: '200000001',
      subject: '8001010000',
    });
    expect(all[1]!.subject).toBeNull();
    expect(all[0]!.at.getTime()).toBeGreaterThan(before);
    expect(await changes.readAfter(first, 1)).toEqual([all[1]]);
    expect(await changes.readAfter(all[2]!.id, 10)).toEqual([]);
  });

  it('keeps no change of a rolled-back transaction', async () => {
    const changes = registerChanges(handle.db);
    const [last] = (await changes.readAfter(0, 10_000)).slice(-1);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await recordChange(trx, {
          register: 'vehicles',
          key: 'X',
          subject: null,
          kind: 'vehicle-reregistered',
        });
        throw new Error('the register change failed');
      }),
    ).rejects.toThrow('the register change failed');
    expect(await changes.readAfter(last!.id, 10)).toEqual([]);
  });

  it('refuses a negative cursor or an unbounded limit', async () => {
    const changes = registerChanges(handle.db);
    await expect(changes.readAfter(-1, 10)).rejects.toThrow(RangeError);
    await expect(changes.readAfter(0, 0)).rejects.toThrow(RangeError);
    await expect(changes.readAfter(0, 1_000_000)).rejects.toThrow(RangeError);
  });
});
