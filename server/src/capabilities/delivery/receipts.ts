import crypto from 'node:crypto';
import { CompactSign, compactVerify, exportJWK, importJWK, type JWK } from 'jose';
import { AppError, type KeyStore } from '../../kernel/index.ts';

/** What a receipt attests: this message (its content's hash) entered, or was opened in, this mailbox then. */
export interface ReceiptPayload {
  type: 'delivery-receipt' | 'read-receipt';
  messageId: string;
  from: { kind: 'person' | 'administration'; id: string };
  to: { kind: 'person' | 'administration'; id: string };
  /** SHA-256 (hex) of the message's canonical content: subject, body and attachments' hashes. */
  contentSha256: string;
  at: string;
}

/**
 * Seals receipts so that they count legally: the sender downloads the signed receipt and anyone
 * can check it. Swappable: the administration's e-seal (the signing context's `sealJades`) takes
 * this key's place when it is wired in.
 */
export interface ReceiptSealer {
  seal(payload: ReceiptPayload): Promise<string>;
  /** The receipt's payload; throws `receipt-invalid` when it is not ours or was changed. */
  verify(jws: string): Promise<ReceiptPayload>;
  publicKeys(): Promise<{ keys: JWK[] }>;
}

const KEY_FILE = 'delivery-receipt-key.jwk';
const TYPE = 'civitas-delivery-receipt+json';

/** The delivery service's own ES256 key, kept in the KeyStore. */
export async function deliveryKeySealer(keyStore: KeyStore): Promise<ReceiptSealer> {
  const made = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const stored = JSON.parse(
    keyStore.createIfAbsent(KEY_FILE, JSON.stringify(made.privateKey.export({ format: 'jwk' }))),
  ) as JWK;
  const privateKey = await importJWK(stored, 'ES256');
  const { d: _d, ...publicJwk } = stored;
  const kid = crypto.createHash('sha256').update(`${publicJwk.x}.${publicJwk.y}`).digest('base64url');
  const publicKey = await importJWK(publicJwk, 'ES256');
  return {
    async seal(payload) {
      return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: 'ES256', typ: TYPE, kid })
        .sign(privateKey);
    },
    async verify(jws) {
      try {
        const { payload, protectedHeader } = await compactVerify(jws, publicKey, { algorithms: ['ES256'] });
        if (protectedHeader.typ !== TYPE) throw new Error('not a delivery receipt');
        return JSON.parse(new TextDecoder().decode(payload)) as ReceiptPayload;
      } catch {
        throw new AppError(
          'receipt-invalid',
          'The receipt is not one this platform sealed, or it was changed.',
        );
      }
    },
    async publicKeys() {
      return { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] };
    },
  };
}
