import { describe, expect, it } from 'vitest';
import { matchOrderPath } from '../payments/paths.ts';
import { matchMessagePath, messagePath, OFFICE_MAILBOX_PATH } from './paths.ts';

const ID = '3f1c2b7a-0d4e-4c1b-9a8e-2f6d5c4b3a21';

describe('the mailbox and payment paths', () => {
  it('open a message or an order by its id, and nothing else', () => {
    expect(matchMessagePath(messagePath(ID))).toEqual({ id: ID });
    expect(matchOrderPath(`/payments/orders/${ID}`)).toEqual({ orderId: ID });
    for (const path of [
      OFFICE_MAILBOX_PATH,
      '/mailbox/',
      `/mailbox/${ID}/x`,
      `/mailbox/${ID.toUpperCase()}`,
      '/mailbox/../admin',
    ])
      expect(matchMessagePath(path), path).toBeNull();
    expect(matchOrderPath('/payments/orders/1')).toBeNull();
  });
});
