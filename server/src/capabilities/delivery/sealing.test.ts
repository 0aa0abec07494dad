import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyStore } from '../../kernel/index.ts';
import { MailboxSealing } from './sealing.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-sealing-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the mailbox sealing (AES-256-GCM, a data key per message)', () => {
  const sealing = new MailboxSealing(new KeyStore(dir));

  it('opens what it sealed, and the sealed bytes never contain the plaintext', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uint8Array({ minLength: 8, maxLength: 512 }), (id, plaintext) => {
        const key = sealing.newKey(id);
        const sealed = key.seal('envelope', plaintext);
        expect(Buffer.from(sealed).includes(Buffer.from(plaintext))).toBe(false);
        const reopened = sealing.keyFor(id, key.wrapped);
        expect(Buffer.from(reopened.open('envelope', sealed)).equals(Buffer.from(plaintext))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses a changed byte, another part, or another message’s key', () => {
    const key = sealing.newKey('m-1');
    const sealed = key.seal('envelope', Buffer.from('the decision'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sealed.length - 1 }), (index) => {
        const changed = Buffer.from(sealed);
        changed[index] = changed[index]! ^ 0x01;
        expect(() => key.open('envelope', changed)).toThrow();
      }),
    );
    expect(() => key.open('attachment:0', sealed)).toThrow();
    expect(() => sealing.keyFor('m-2', key.wrapped)).toThrow();
  });

  it('keeps its master key in the KeyStore: a second instance opens the first one’s messages', () => {
    const key = sealing.newKey('m-3');
    const sealed = key.seal('envelope', Buffer.from('kept'));
    const again = new MailboxSealing(new KeyStore(dir));
    expect(again.keyFor('m-3', key.wrapped).open('envelope', sealed).toString()).toBe('kept');
    expect(fs.statSync(path.join(dir, 'mailbox-master-key')).mode & 0o077).toBe(0);
  });
});
