import type { Generated } from 'kysely';

/** A message in one mailbox: what it says is sealed (AES-256-GCM under its own data key). */
export interface MessageRow {
  id: string;
  from_kind: 'person' | 'administration';
  from_id: string;
  to_kind: 'person' | 'administration';
  to_id: string;
  /** The data key, wrapped by the mailbox master key (iv | tag | ciphertext). */
  wrapped_key: Buffer;
  /** Subject, body, party names and the attachments' names and hashes, sealed as one JSON envelope. */
  envelope: Buffer;
  application_id: string | null;
  service_code: string | null;
  in_reply_to: string | null;
  delivered_at: Date;
  read_at: Date | null;
}
export interface AttachmentRow {
  message_id: string;
  position: number;
  content: Buffer;
}
export interface ReceiptRow {
  message_id: string;
  kind: 'delivery' | 'read';
  at: Date;
  jws: string;
}
export interface NotificationRow {
  id: string;
  subject: string;
  kind: 'application-status' | 'mail' | 'expiry' | 'payment';
  title: unknown;
  body: unknown;
  link: string;
  created_at: Generated<Date>;
  read_at: Date | null;
}
export interface PushSubscriptionRow {
  endpoint: string;
  subject: string;
  p256dh: string;
  auth: string;
  created_at: Generated<Date>;
}
export interface ReminderRow {
  subject: string;
  /** 'id-card:<number>', 'driving-licence:<number>', 'mtpl:<policy>', 'inspection:<vin>:<seq>'. */
  document: string;
  expires_on: string;
  notified_at: Generated<Date>;
}
export interface PaymentOrderRow {
  id: string;
  payer: string;
  purpose: unknown;
  /** One open or paid order per thing owed: 'fine:<number>', 'vehicle-tax:<vin>:<year>', 'service-fee:<id>'. */
  purpose_key: string;
  amount_cents: number;
  currency: 'EUR';
  description: unknown;
  status: 'pending' | 'paid' | 'failed' | 'cancelled';
  created_at: Generated<Date>;
  paid_at: Date | null;
  provider_ref: string | null;
}

export interface DeliveryTables {
  'delivery.messages': MessageRow;
  'delivery.attachments': AttachmentRow;
  'delivery.receipts': ReceiptRow;
  'delivery.notifications': NotificationRow;
  'delivery.push_subscriptions': PushSubscriptionRow;
  'delivery.reminders': ReminderRow;
  'delivery.payment_orders': PaymentOrderRow;
}
