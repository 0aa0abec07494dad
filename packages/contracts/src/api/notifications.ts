import { type Static, Type } from '@sinclair/typebox';
import { LocalText } from './mailbox.ts';

export const NoteKind = Type.Union([
  Type.Literal('application-status'),
  Type.Literal('mail'),
  Type.Literal('expiry'),
  Type.Literal('payment'),
]);

export const Notification = Type.Object({
  id: Type.String(),
  kind: NoteKind,
  title: LocalText,
  body: LocalText,
  link: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});
export type Notification = Static<typeof Notification>;

export const NotificationList = Type.Object({ unread: Type.Integer(), items: Type.Array(Notification) });
export type NotificationList = Static<typeof NotificationList>;

export const PushKey = Type.Object({ publicKey: Type.String() });
export type PushKey = Static<typeof PushKey>;

/** A browser's PushSubscription (its `toJSON()`), optionally naming whose it is. */
export const PushSubscriptionRequest = Type.Object(
  {
    endpoint: Type.String({
      minLength: 10,
      maxLength: 1000,
      pattern: '^https?://[^\\u0000-\\u0020\\u007f]+$',
    }),
    expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    keys: Type.Object(
      {
        p256dh: Type.String({ minLength: 80, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
        auth: Type.String({ minLength: 16, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }),
      },
      { additionalProperties: false },
    ),
    /** The personal number the subscription is for: only the signed-in person's own is accepted. */
    subject: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
export type PushSubscriptionRequest = Static<typeof PushSubscriptionRequest>;

export const Unsubscribe = Type.Object(
  { endpoint: Type.String({ minLength: 10, maxLength: 1000 }) },
  { additionalProperties: false },
);

export const Reminder = Type.Object({
  document: Type.Union([
    Type.Literal('id-card'),
    Type.Literal('driving-licence'),
    Type.Literal('mtpl-insurance'),
    Type.Literal('technical-inspection'),
  ]),
  reference: Type.String(),
  expiresOn: Type.String(),
  daysLeft: Type.Integer(),
  /** False when this expiry was already notified before (never twice). */
  notified: Type.Boolean(),
});
export type Reminder = Static<typeof Reminder>;

export const ReminderCheck = Type.Object({ reminders: Type.Array(Reminder) });
export type ReminderCheck = Static<typeof ReminderCheck>;
