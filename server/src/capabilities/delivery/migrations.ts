import type { Migration } from 'kysely/migration';
import type { MigrationSet } from '../../db/index.ts';
import { sqlMigration } from '../../db/index.ts';

/**
 * The secure mailbox (sealed messages, their attachments and legal receipts), the notifications
 * and push subscriptions, the expiry reminders already sent, and the payment orders.
 */
const migrations: Record<string, Migration> = {
  '0800-delivery': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS delivery',
      `CREATE TABLE delivery.messages (
        id text PRIMARY KEY,
        from_kind text NOT NULL CHECK (from_kind IN ('person', 'administration')),
        from_id text NOT NULL,
        to_kind text NOT NULL CHECK (to_kind IN ('person', 'administration')),
        to_id text NOT NULL,
        wrapped_key bytea NOT NULL,
        envelope bytea NOT NULL,
        application_id text,
        service_code text,
        in_reply_to text REFERENCES delivery.messages,
        delivered_at timestamptz NOT NULL,
        read_at timestamptz
      )`,
      'CREATE INDEX messages_to_idx ON delivery.messages (to_kind, to_id, delivered_at DESC)',
      'CREATE INDEX messages_from_idx ON delivery.messages (from_kind, from_id, delivered_at DESC)',
      `CREATE TABLE delivery.attachments (
        message_id text NOT NULL REFERENCES delivery.messages ON DELETE CASCADE,
        position integer NOT NULL,
        content bytea NOT NULL,
        PRIMARY KEY (message_id, position)
      )`,
      `CREATE TABLE delivery.receipts (
        message_id text NOT NULL REFERENCES delivery.messages ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('delivery', 'read')),
        at timestamptz NOT NULL,
        jws text NOT NULL,
        PRIMARY KEY (message_id, kind)
      )`,
      `CREATE TABLE delivery.notifications (
        id text PRIMARY KEY,
        subject text NOT NULL,
        kind text NOT NULL,
        title jsonb NOT NULL,
        body jsonb NOT NULL,
        link text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`,
      'CREATE INDEX notifications_subject_idx ON delivery.notifications (subject, created_at DESC)',
      `CREATE TABLE delivery.push_subscriptions (
        endpoint text PRIMARY KEY,
        subject text NOT NULL,
        p256dh text NOT NULL,
        auth text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX push_subscriptions_subject_idx ON delivery.push_subscriptions (subject)',
      `CREATE TABLE delivery.reminders (
        subject text NOT NULL,
        document text NOT NULL,
        expires_on date NOT NULL,
        notified_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subject, document, expires_on)
      )`,
      `CREATE TABLE delivery.payment_orders (
        id text PRIMARY KEY,
        payer text NOT NULL,
        purpose jsonb NOT NULL,
        purpose_key text NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        currency text NOT NULL CHECK (currency = 'EUR'),
        description jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        paid_at timestamptz,
        provider_ref text
      )`,
      // Paying twice charges once: one open or paid order per thing owed.
      `CREATE UNIQUE INDEX payment_orders_open_idx ON delivery.payment_orders (purpose_key)
        WHERE status IN ('pending', 'paid')`,
      'CREATE INDEX payment_orders_payer_idx ON delivery.payment_orders (payer, created_at DESC)',
    ],
    ['DROP SCHEMA delivery CASCADE'],
  ),
};

export const deliveryMigrations: MigrationSet = { context: 'delivery', migrations };
