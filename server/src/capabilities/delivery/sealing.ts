import crypto from 'node:crypto';
import type { KeyStore } from '../../kernel/index.ts';

const MASTER_KEY_FILE = 'mailbox-master-key';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: iv | tag | ciphertext, bound to `context` (the message and the part) by the AAD. */
function seal(key: Uint8Array, plaintext: Uint8Array, context: string): Buffer {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

function open(key: Uint8Array, sealed: Uint8Array, context: string): Buffer {
  const bytes = Buffer.from(sealed);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** A message's own data key: it seals the message's parts; the master key wraps it. */
export interface MessageKey {
  wrapped: Buffer;
  seal(part: string, plaintext: Uint8Array): Buffer;
  open(part: string, sealed: Uint8Array): Buffer;
}

/**
 * Envelope encryption of the mailbox: one AES-256 data key per message, wrapped by the mailbox
 * master key, which lives in the platform's KeyStore (a file outside the database): whoever reads
 * the database reads no message.
 */
export class MailboxSealing {
  private readonly master: Buffer;

  constructor(keyStore: KeyStore) {
    const encoded = keyStore.createIfAbsent(MASTER_KEY_FILE, crypto.randomBytes(32).toString('base64'));
    this.master = Buffer.from(encoded.trim(), 'base64');
    if (this.master.length !== 32) throw new Error(`${MASTER_KEY_FILE} is not a 256-bit key`);
  }

  newKey(messageId: string): MessageKey {
    const dataKey = crypto.randomBytes(32);
    return this.keyOf(messageId, dataKey, seal(this.master, dataKey, `key:${messageId}`));
  }

  keyFor(messageId: string, wrapped: Uint8Array): MessageKey {
    return this.keyOf(messageId, open(this.master, wrapped, `key:${messageId}`), Buffer.from(wrapped));
  }

  private keyOf(messageId: string, dataKey: Buffer, wrapped: Buffer): MessageKey {
    return {
      wrapped,
      seal: (part, plaintext) => seal(dataKey, plaintext, `${messageId}:${part}`),
      open: (part, sealed) => open(dataKey, sealed, `${messageId}:${part}`),
    };
  }
}
