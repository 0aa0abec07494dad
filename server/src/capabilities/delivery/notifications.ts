import crypto from 'node:crypto';
import type { Notification, PushSubscriptionRequest } from '@civitas/contracts/api/notifications.ts';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import { AppError } from '../../kernel/index.ts';
import type { LocalText, Note, Notifier } from './ports.ts';
import type { PushOutcome, PushSender } from './push.ts';
import type { DeliveryTables } from './tables.ts';

export interface NotificationsOptions {
  push: PushSender;
  /** Plain-http push endpoints (a test's local push service); production accepts https only. */
  allowHttpPush?: boolean;
  report?: (error: unknown) => void;
}

/**
 * A person's notifications: kept in-app (the bell) and pushed to each browser they subscribed. A
 * subscription belongs to the person who made it; one for anyone else is refused.
 */
export class Notifications implements Notifier {
  private readonly db: Kysely<DeliveryTables>;
  private readonly options: NotificationsOptions;

  constructor(connection: Connection, options: NotificationsOptions) {
    this.db = tablesOf<DeliveryTables>(connection);
    this.options = options;
  }

  get pushKey(): string {
    return this.options.push.publicKey;
  }

  async notify(subject: string, note: Note): Promise<void> {
    const id = crypto.randomUUID();
    await this.db
      .insertInto('delivery.notifications')
      .values({
        id,
        subject,
        kind: note.kind,
        title: JSON.stringify(note.title),
        body: JSON.stringify(note.body),
        link: note.link,
        read_at: null,
      })
      .execute();
    await this.pushTo(subject, { id, ...note });
  }

  /** Pushes to every subscription of the person; a subscription the push service says is gone is dropped. */
  async pushTo(subject: string, payload: { id: string; title: LocalText; body: LocalText; link: string }) {
    const targets = await this.db
      .selectFrom('delivery.push_subscriptions')
      .select(['endpoint', 'p256dh', 'auth'])
      .where('subject', '=', subject)
      .execute();
    const outcomes: PushOutcome[] = await Promise.all(
      targets.map((target) => this.options.push.send(target, payload)),
    );
    const gone = targets
      .filter((_target, index) => outcomes[index] === 'gone')
      .map((target) => target.endpoint);
    if (gone.length > 0)
      await this.db.deleteFrom('delivery.push_subscriptions').where('endpoint', 'in', gone).execute();
    return outcomes;
  }

  async list(subject: string, limit = 50): Promise<{ unread: number; items: Notification[] }> {
    const rows = await this.db
      .selectFrom('delivery.notifications')
      .selectAll()
      .where('subject', '=', subject)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    const unread = await this.db
      .selectFrom('delivery.notifications')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('subject', '=', subject)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      unread: Number(unread.count),
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        title: parsed(row.title),
        body: parsed(row.body),
        link: row.link,
        createdAt: row.created_at.toISOString(),
        read: row.read_at !== null,
      })),
    };
  }

  async markRead(subject: string, id: string | 'all'): Promise<void> {
    let update = this.db
      .updateTable('delivery.notifications')
      .set({ read_at: new Date() })
      .where('subject', '=', subject)
      .where('read_at', 'is', null);
    if (id !== 'all') update = update.where('id', '=', id);
    const result = await update.executeTakeFirst();
    if (id !== 'all' && result.numUpdatedRows === 0n) {
      const exists = await this.db
        .selectFrom('delivery.notifications')
        .select('id')
        .where('id', '=', id)
        .where('subject', '=', subject)
        .executeTakeFirst();
      if (!exists) throw new AppError('notification-not-found', 'There is no such notification.');
    }
  }

  /** The person's unread notifications that lead to this app path are read (they opened what it was about). */
  async markReadByLink(subject: string, link: string): Promise<void> {
    await this.db
      .updateTable('delivery.notifications')
      .set({ read_at: new Date() })
      .where('subject', '=', subject)
      .where('link', '=', link)
      .where('read_at', 'is', null)
      .execute();
  }

  async subscribe(subject: string, request: PushSubscriptionRequest): Promise<void> {
    if (request.subject !== undefined && request.subject !== subject)
      throw new AppError('push-subscription-forbidden', 'You can subscribe to your own notifications only.');
    const url = new URL(request.endpoint);
    if (url.protocol !== 'https:' && !(this.options.allowHttpPush && url.protocol === 'http:'))
      throw new AppError('validation-failed', 'A push endpoint must be an https URL.');
    const taken = await this.db
      .selectFrom('delivery.push_subscriptions')
      .select('subject')
      .where('endpoint', '=', request.endpoint)
      .executeTakeFirst();
    // A browser's endpoint already registered to someone else is not taken over.
    if (taken && taken.subject !== subject)
      throw new AppError('push-subscription-forbidden', 'This push subscription belongs to another person.');
    await this.db
      .insertInto('delivery.push_subscriptions')
      .values({ endpoint: request.endpoint, subject, p256dh: request.keys.p256dh, auth: request.keys.auth })
      .onConflict((conflict) =>
        conflict.column('endpoint').doUpdateSet({ p256dh: request.keys.p256dh, auth: request.keys.auth }),
      )
      .execute();
  }

  async unsubscribe(subject: string, endpoint: string): Promise<void> {
    await this.db
      .deleteFrom('delivery.push_subscriptions')
      .where('endpoint', '=', endpoint)
      .where('subject', '=', subject)
      .execute();
  }
}

function parsed(value: unknown): LocalText {
  return (typeof value === 'string' ? JSON.parse(value) : value) as LocalText;
}
