/** Delivery: the secure mailbox, notifications (in-app and Web Push), expiry reminders, payments. */
import type { Connection } from '../../db/index.ts';
import type { ExchangeClient, LocalExchange } from '../../exchange/index.ts';
import type { KeyStore } from '../../kernel/index.ts';
import { Mailbox } from './mailbox.ts';
import { Notifications } from './notifications.ts';
import { PaymentService } from './payments.ts';
import { PushSender } from './push.ts';
import { deliveryKeySealer, type ReceiptSealer } from './receipts.ts';
import { registerWriter } from './register-writes.ts';
import { Reminders } from './reminders.ts';
import { MailboxSealing } from './sealing.ts';
import { type PaymentProvider, TestCardProvider } from './test-card-provider.ts';

export type { AdministrationEntry } from './administrations.ts';
export { DEFAULT_ADMINISTRATIONS } from './administrations.ts';
export { deliveryErrors } from './errors.ts';
export { deliveryMigrations } from './migrations.ts';
export type { Delivery, Note, Notifier, Party, Payments } from './ports.ts';
export type { ReceiptPayload, ReceiptSealer } from './receipts.ts';
export { type DeliveryRoutesOptions, deliveryPlugin } from './routes.ts';
export type { DeliveryTables } from './tables.ts';
export { TestCardProvider } from './test-card-provider.ts';

export interface DeliveryParts {
  mailbox: Mailbox;
  notifications: Notifications;
  payments: PaymentService;
  reminders: Reminders;
}

export interface DeliverySetup {
  db: Connection;
  keyStore: KeyStore;
  publicUrl: string;
  /** The node and the portal's client: register reads (reminders, dues) and writes (mark-paid). */
  exchange: Pick<LocalExchange, 'consume'>;
  portal: ExchangeClient;
  portalClient: string;
  /** Swappable: the administration's e-seal once the signing context is wired in. */
  receipts?: ReceiptSealer;
  provider?: PaymentProvider;
  allowHttpPush?: boolean;
  report?: (error: unknown) => void;
}

/**
 * The delivery context's parts, which are also the ports other contexts take: `mailbox` is the
 * `Delivery`, `notifications` the `Notifier`, `payments` the `Payments`.
 */
export async function createDelivery(setup: DeliverySetup): Promise<DeliveryParts> {
  const notifications = new Notifications(setup.db, {
    push: new PushSender(setup.keyStore, setup.publicUrl),
    ...(setup.allowHttpPush !== undefined && { allowHttpPush: setup.allowHttpPush }),
    ...(setup.report && { report: setup.report }),
  });
  const mailbox = new Mailbox(setup.db, {
    sealing: new MailboxSealing(setup.keyStore),
    receipts: setup.receipts ?? (await deliveryKeySealer(setup.keyStore)),
    onFirstOpened: async ({ id, reader }) => {
      if (reader.kind === 'person') await notifications.markReadByLink(reader.id, `/mailbox/${id}`);
    },
    // A person is told of new mail (the message itself stays in the mailbox, never in the note).
    onDelivered: async (message) => {
      if (message.to.kind !== 'person') return;
      await notifications.notify(message.to.subject, {
        kind: 'mail',
        title: { bg: 'Ново съобщение', en: 'New message', pl: 'Nowa wiadomość' },
        body: message.subject,
        link: `/mailbox/${message.id}`,
      });
    },
  });
  const payments = new PaymentService(setup.db, {
    provider: setup.provider ?? new TestCardProvider(setup.keyStore),
    registers: setup.portal,
    write: registerWriter(setup.exchange, setup.portal, setup.portalClient),
    notifier: notifications,
    ...(setup.report && { report: setup.report }),
  });
  const reminders = new Reminders(setup.db, setup.portal, notifications);
  return { mailbox, notifications, payments, reminders };
}
