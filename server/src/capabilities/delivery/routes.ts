import {
  Administration,
  ForwardRequest,
  MailboxPage,
  MessageView,
  ReceiptCheck,
  ReplyRequest,
  Sent,
} from '@civitas/contracts/api/mailbox.ts';
import {
  NotificationList,
  PushKey,
  PushSubscriptionRequest,
  ReminderCheck,
  Unsubscribe,
} from '@civitas/contracts/api/notifications.ts';
import {
  CardPayment,
  DueList,
  OrderRequest,
  PaymentOrder,
  ProviderCallback,
} from '@civitas/contracts/api/payments.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { principalOf } from '../../identity/index.ts';
import { AppError } from '../../kernel/index.ts';
import type { AdministrationEntry } from './administrations.ts';
import type { Mailbox, MailboxOwner } from './mailbox.ts';
import type { Notifications } from './notifications.ts';
import type { PaymentService } from './payments.ts';
import { REMINDER_ACCESS, type Reminders, todayIso } from './reminders.ts';

export interface DeliveryRoutesOptions {
  mailbox: Mailbox;
  notifications: Notifications;
  payments: PaymentService;
  reminders: Reminders;
  administrations: readonly AdministrationEntry[];
  /** The organisations the signed-in official works for (the role register's names). */
  organisationsOf?: (subject: string) => Promise<readonly string[]>;
  /** The scheduled reminders' interval; 0 = no schedule (tests call the on-demand check). */
  reminderIntervalMs?: number;
}

const Problem = Type.Object({}, { additionalProperties: true, description: 'RFC 9457 problem details' });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const MessageParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const OrderParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Box = Type.Object({ box: Type.Optional(Type.Union([Type.Literal('inbox'), Type.Literal('sent')])) });
const OWN = { access: 'signed-in' as const };
const BIG = 20 * 1024 * 1024;

const me = (request: FastifyRequest): MailboxOwner => ({ kind: 'person', id: principalOf(request).subject });
const meAsParty = (request: FastifyRequest) => ({
  kind: 'person' as const,
  subject: principalOf(request).subject,
});

function decoded(attachments: ReplyRequest['attachments']) {
  return (attachments ?? []).map((attachment) => ({
    name: attachment.name,
    mediaType: attachment.mediaType,
    content: new Uint8Array(Buffer.from(attachment.content, 'base64')),
  }));
}

/** The citizen reads their mailbox: the list, a message, its attachments and receipts. */
function mailboxReadRoutes(app: FastifyInstance, options: DeliveryRoutesOptions): void {
  const { mailbox } = options;
  app.get(
    '/api/mailbox',
    {
      config: OWN,
      schema: {
        tags: ['mailbox'],
        summary: 'Your secure mailbox',
        querystring: Box,
        response: { 200: MailboxPage, ...errors },
      },
    },
    async (request) => {
      const { box = 'inbox' } = request.query as { box?: 'inbox' | 'sent' };
      const [messages, unread] = await Promise.all([
        mailbox.list(me(request), box),
        mailbox.unread(me(request)),
      ]);
      return { messages, unread };
    },
  );
  app.get(
    '/api/mailbox/messages/:id',
    {
      config: OWN,
      schema: {
        tags: ['mailbox'],
        summary: 'A message; its first opening by the recipient is recorded with a sealed read receipt',
        params: MessageParams,
        response: { 200: MessageView, ...errors },
      },
    },
    async (request) => mailbox.open(me(request), (request.params as { id: string }).id),
  );
  app.get(
    '/api/mailbox/messages/:id/attachments/:index',
    {
      config: OWN,
      schema: {
        tags: ['mailbox'],
        summary: "A message's attachment",
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          index: Type.String({ pattern: '^[0-9]{1,2}$' }),
        }),
      },
    },
    async (request, reply) => {
      const { id, index } = request.params as { id: string; index: string };
      const file = await mailbox.attachment(me(request), id, Number(index));
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(file.content);
    },
  );
  app.get(
    '/api/mailbox/messages/:id/receipts/:kind',
    {
      config: OWN,
      schema: {
        tags: ['mailbox'],
        summary:
          "A message's sealed delivery or read receipt (a JWS anyone can check at /api/mailbox/receipts/verify)",
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          kind: Type.Union([Type.Literal('delivery'), Type.Literal('read')]),
        }),
      },
    },
    async (request, reply) => {
      const { id, kind } = request.params as { id: string; kind: 'delivery' | 'read' };
      const jws = await mailbox.receipt(me(request), id, kind);
      return reply
        .type('application/jose')
        .header('content-disposition', `attachment; filename="${kind}-receipt-${id}.jws"`)
        .send(jws);
    },
  );
}

/** The citizen answers a message or forwards it to another administration. */
function mailboxWriteRoutes(app: FastifyInstance, options: DeliveryRoutesOptions): void {
  const { mailbox } = options;
  const administration = (id: string) => {
    const found = options.administrations.find((entry) => entry.id === id);
    if (!found) throw new AppError('administration-not-found', `There is no administration ${id}.`);
    return found;
  };
  app.post(
    '/api/mailbox/messages/:id/reply',
    {
      config: OWN,
      bodyLimit: BIG,
      schema: {
        tags: ['mailbox'],
        summary: 'Answer a message you received',
        params: MessageParams,
        body: ReplyRequest,
        response: { 200: Sent, ...errors },
      },
    },
    async (request) => {
      const body = request.body as ReplyRequest;
      return mailbox.reply(
        meAsParty(request),
        (request.params as { id: string }).id,
        body.body,
        decoded(body.attachments),
      );
    },
  );
  app.post(
    '/api/mailbox/messages/:id/forward',
    {
      config: OWN,
      schema: {
        tags: ['mailbox'],
        summary: 'Forward a message and its documents to another administration',
        params: MessageParams,
        body: ForwardRequest,
        response: { 200: Sent, ...errors },
      },
    },
    async (request) => {
      const body = request.body as ForwardRequest;
      const to = administration(body.to);
      return mailbox.forward(
        meAsParty(request),
        (request.params as { id: string }).id,
        { kind: 'administration', id: to.id, name: to.name },
        body.note,
      );
    },
  );
  app.get(
    '/api/mailbox/administrations',
    {
      config: OWN,
      schema: {
        tags: ['mailbox'],
        summary: 'The administrations you can forward to',
        response: { 200: Type.Array(Administration) },
      },
    },
    async () => options.administrations.map(({ id, name }) => ({ id, name })),
  );
}

const AdminParams = Type.Object({ administration: Type.String({ pattern: '^[a-z0-9-]{1,100}$' }) });

/** The administrations the signed-in official works for (the role register's organisations). */
async function administrationsOf(request: FastifyRequest, options: DeliveryRoutesOptions) {
  const organisations = (await options.organisationsOf?.(principalOf(request).subject)) ?? [];
  return options.administrations.filter((entry) => organisations.includes(entry.organisation));
}

/** An administration's mailbox, for its officials only: another one does not exist for them. */
function officialBoxOf(options: DeliveryRoutesOptions) {
  return async (request: FastifyRequest): Promise<MailboxOwner> => {
    const { administration: id } = request.params as { administration: string };
    if (!(await administrationsOf(request, options)).some((entry) => entry.id === id))
      throw new AppError('administration-not-found', `There is no administration ${id} you work for.`);
    return { kind: 'administration', id };
  };
}

/** The official's administrations, and a message of one of them opened (a citizen's gets its read receipt). */
function officeMailboxRoutes(app: FastifyInstance, options: DeliveryRoutesOptions): void {
  const officialBox = officialBoxOf(options);
  app.get(
    '/api/mailbox/administrations/mine',
    {
      config: { access: { roles: ['official'] } },
      schema: {
        tags: ['mailbox'],
        summary: 'The administrations whose mailbox the signed-in official keeps',
        response: { 200: Type.Array(Administration), ...errors },
      },
    },
    async (request) => (await administrationsOf(request, options)).map(({ id, name }) => ({ id, name })),
  );
  app.get(
    '/api/mailbox/administrations/:administration/messages/:id',
    {
      config: { access: { roles: ['official'] } },
      schema: {
        tags: ['mailbox'],
        summary:
          "A message of an administration's mailbox (its officials); opening one it received is recorded with a read receipt",
        params: Type.Composite([AdminParams, MessageParams]),
        response: { 200: MessageView, ...errors },
      },
    },
    async (request) =>
      options.mailbox.open(await officialBox(request), (request.params as { id: string }).id),
  );
}

/** An administration's mailbox for its officials, and anyone's check of a sealed receipt. */
function administrationMailboxRoutes(app: FastifyInstance, options: DeliveryRoutesOptions): void {
  const { mailbox } = options;
  const officialBox = officialBoxOf(options);
  app.get(
    '/api/mailbox/administrations/:administration/messages',
    {
      config: { access: { roles: ['official'] } },
      schema: {
        tags: ['mailbox'],
        summary: "An administration's mailbox (its officials)",
        params: AdminParams,
        querystring: Box,
        response: { 200: MailboxPage, ...errors },
      },
    },
    async (request) => {
      const owner = await officialBox(request);
      const { box = 'inbox' } = request.query as { box?: 'inbox' | 'sent' };
      const [messages, unread] = await Promise.all([mailbox.list(owner, box), mailbox.unread(owner)]);
      return { messages, unread };
    },
  );
  app.get(
    '/api/mailbox/administrations/:administration/messages/:id/receipts/:kind',
    {
      config: { access: { roles: ['official'] } },
      schema: {
        tags: ['mailbox'],
        summary: "A sealed receipt of an administration's message (its officials)",
        params: Type.Composite([
          AdminParams,
          Type.Object({
            id: Type.String({ format: 'uuid' }),
            kind: Type.Union([Type.Literal('delivery'), Type.Literal('read')]),
          }),
        ]),
      },
    },
    async (request, reply) => {
      const owner = await officialBox(request);
      const { id, kind } = request.params as { id: string; kind: 'delivery' | 'read' };
      return reply
        .type('application/jose')
        .header('content-disposition', `attachment; filename="${kind}-receipt-${id}.jws"`)
        .send(await mailbox.receipt(owner, id, kind));
    },
  );
  app.post(
    '/api/mailbox/receipts/verify',
    {
      config: { access: 'public' },
      schema: {
        tags: ['mailbox'],
        summary: 'Check a sealed delivery or read receipt',
        body: Type.Object(
          { receipt: Type.String({ minLength: 1, maxLength: 10_000 }) },
          { additionalProperties: false },
        ),
        response: { 200: ReceiptCheck, ...errors },
      },
    },
    async (request) => {
      const receipt = await mailbox.verifyReceipt((request.body as { receipt: string }).receipt.trim());
      return { valid: true as const, receipt };
    },
  );
  app.get(
    '/api/mailbox/receipts/keys',
    {
      config: { access: 'public' },
      schema: { tags: ['mailbox'], summary: 'The public keys that seal receipts (JWKS)' },
    },
    async () => options.mailbox.receiptKeys(),
  );
}

/** Notifications: the bell, Web Push subscriptions, expiry reminders on demand. */
function notificationRoutes(app: FastifyInstance, options: DeliveryRoutesOptions): void {
  const { notifications, reminders } = options;
  app.get(
    '/api/notifications',
    {
      config: OWN,
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first',
        response: { 200: NotificationList, ...errors },
      },
    },
    async (request) => notifications.list(principalOf(request).subject),
  );
  app.post(
    '/api/notifications/:id/read',
    {
      config: OWN,
      schema: {
        tags: ['notifications'],
        summary: 'Mark a notification read',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      await notifications.markRead(principalOf(request).subject, (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/notifications/read-all',
    { config: OWN, schema: { tags: ['notifications'], summary: 'Mark every notification read' } },
    async (request, reply) => {
      await notifications.markRead(principalOf(request).subject, 'all');
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/notifications/push/key',
    {
      config: OWN,
      schema: {
        tags: ['notifications'],
        summary: "The platform's VAPID public key",
        response: { 200: PushKey },
      },
    },
    async () => ({ publicKey: notifications.pushKey }),
  );
  app.post(
    '/api/notifications/push/subscriptions',
    {
      config: OWN,
      schema: {
        tags: ['notifications'],
        summary: 'Subscribe this browser to your notifications (Web Push)',
        body: PushSubscriptionRequest,
        response: { 201: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await notifications.subscribe(principalOf(request).subject, request.body as PushSubscriptionRequest);
      return reply.code(201).send();
    },
  );
  app.delete(
    '/api/notifications/push/subscriptions',
    { config: OWN, schema: { tags: ['notifications'], summary: 'Unsubscribe a browser', body: Unsubscribe } },
    async (request, reply) => {
      await notifications.unsubscribe(
        principalOf(request).subject,
        (request.body as { endpoint: string }).endpoint,
      );
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/notifications/reminders',
    {
      config: { ...OWN, personalData: REMINDER_ACCESS },
      schema: {
        tags: ['notifications'],
        summary: 'Check your documents for coming expiries now (each expiry is notified once)',
        response: { 200: ReminderCheck, ...errors },
      },
    },
    async (request) => ({ reminders: await reminders.check(principalOf(request).subject, todayIso()) }),
  );
}

/** Payments of fines and vehicle taxes through the payment provider. */
function paymentRoutes(app: FastifyInstance, options: DeliveryRoutesOptions): void {
  const { payments } = options;
  app.get(
    '/api/payments/dues',
    {
      config: { ...OWN, personalData: { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' } },
      schema: {
        tags: ['payments'],
        summary: 'Your unpaid fines and vehicle taxes, from the registers',
        response: { 200: DueList, ...errors },
      },
    },
    async (request) => payments.dues(principalOf(request).subject),
  );
  app.post(
    '/api/payments/orders',
    {
      config: { ...OWN, personalData: { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' } },
      schema: {
        tags: ['payments'],
        summary:
          'A payment order for a fine or a vehicle tax you owe (the same one again if it is open or paid)',
        body: OrderRequest,
        response: { 200: PaymentOrder, ...errors },
      },
    },
    async (request) => payments.orderDue(principalOf(request).subject, request.body as OrderRequest),
  );
  app.get(
    '/api/payments/orders/:id',
    {
      config: OWN,
      schema: {
        tags: ['payments'],
        summary: 'A payment order of yours',
        params: OrderParams,
        response: { 200: PaymentOrder, ...errors },
      },
    },
    async (request) => payments.view(principalOf(request).subject, (request.params as { id: string }).id),
  );
  app.post(
    '/api/payments/orders/:id/card',
    {
      config: OWN,
      schema: {
        tags: ['payments'],
        summary: 'Pay an order by card (the local test provider); an order already paid is not charged again',
        params: OrderParams,
        body: CardPayment,
        response: { 200: PaymentOrder, 402: Problem, ...errors },
      },
    },
    async (request) =>
      payments.payByCard(
        principalOf(request).subject,
        (request.params as { id: string }).id,
        request.body as CardPayment,
      ),
  );
  app.post(
    '/api/payments/provider-callback',
    {
      // The provider's signature is the proof, not a token.
      config: { access: 'public' },
      schema: {
        tags: ['payments'],
        summary: "The payment provider's signed notification of an order's outcome",
        body: ProviderCallback,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await payments.settle(request.body as ProviderCallback);
      return reply.code(204).send();
    },
  );
}

/** The scheduled round of expiry reminders. */
function scheduleReminders(app: FastifyInstance, options: DeliveryRoutesOptions): void {
  const { reminders } = options;
  const interval = options.reminderIntervalMs ?? 0;
  if (interval > 0) {
    const timer = setInterval(() => {
      reminders
        .round(todayIso(), (error) => app.log.error({ err: error }, 'expiry reminder failed'))
        .catch((error: unknown) => app.log.error({ err: error }, 'expiry reminder round failed'));
    }, interval);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
}

/** The secure mailbox, the notifications (in-app and Web Push) with expiry reminders, and payments. */
async function deliveryRoutes(app: FastifyInstance, options: DeliveryRoutesOptions): Promise<void> {
  mailboxReadRoutes(app, options);
  mailboxWriteRoutes(app, options);
  officeMailboxRoutes(app, options);
  administrationMailboxRoutes(app, options);
  notificationRoutes(app, options);
  paymentRoutes(app, options);
  scheduleReminders(app, options);
}

/** The delivery context's routes, as one encapsulated plugin. */
export const deliveryPlugin = fp(deliveryRoutes, {
  name: 'delivery',
  dependencies: ['route-access', 'exchange-client'],
  encapsulate: true,
});
