import webpush from 'web-push';
import type { KeyStore } from '../../kernel/index.ts';

const VAPID_FILE = 'delivery-vapid.json';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What became of one push: delivered, or the subscription is gone (the browser dropped it). */
export type PushOutcome = 'sent' | 'gone' | 'failed';

/**
 * Web Push (RFC 8030 with VAPID, RFC 8292, and the message encryption of RFC 8291) through
 * `web-push`, which builds the encrypted request; it is sent with fetch. The VAPID key pair is
 * made once and kept in the KeyStore.
 */
export class PushSender {
  readonly publicKey: string;
  private readonly privateKey: string;
  private readonly contact: string;

  constructor(keyStore: KeyStore, publicUrl: string) {
    const keys = JSON.parse(
      keyStore.createIfAbsent(VAPID_FILE, JSON.stringify(webpush.generateVAPIDKeys())),
    ) as {
      publicKey: string;
      privateKey: string;
    };
    this.publicKey = keys.publicKey;
    this.privateKey = keys.privateKey;
    this.contact = `mailto:delivery@${new URL(publicUrl).hostname}`;
  }

  async send(target: PushTarget, payload: unknown): Promise<PushOutcome> {
    const request = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(payload),
      {
        vapidDetails: { subject: this.contact, publicKey: this.publicKey, privateKey: this.privateKey },
        TTL: 24 * 3600,
        urgency: 'normal',
      },
    );
    try {
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body as Buffer,
        signal: AbortSignal.timeout(5_000),
      });
      await response.arrayBuffer();
      if (response.status === 404 || response.status === 410) return 'gone';
      return response.ok ? 'sent' : 'failed';
    } catch {
      return 'failed';
    }
  }
}
