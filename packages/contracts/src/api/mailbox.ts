import { type Static, Type } from '@sinclair/typebox';

/** A text in every language of the platform. */
export const LocalText = Type.Object(
  { bg: Type.String(), en: Type.String(), pl: Type.String() },
  { additionalProperties: false },
);
export type LocalText = Static<typeof LocalText>;

/** A mailbox's holder as a citizen sees it: an administration by name, a person as "you" or "a person". */
export const MailParty = Type.Object({
  kind: Type.Union([Type.Literal('person'), Type.Literal('administration')]),
  /** The administration's id; for a person, `me` when it is the reader, otherwise `person`. */
  id: Type.String(),
  name: Type.Union([LocalText, Type.Null()]),
});
export type MailParty = Static<typeof MailParty>;

export const AttachmentInfo = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  name: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  sha256: Type.String(),
});
export type AttachmentInfo = Static<typeof AttachmentInfo>;

export const ReceiptInfo = Type.Object({
  kind: Type.Union([Type.Literal('delivery'), Type.Literal('read')]),
  at: Type.String({ format: 'date-time' }),
});
export type ReceiptInfo = Static<typeof ReceiptInfo>;

export const MessageSummary = Type.Object({
  id: Type.String(),
  box: Type.Union([Type.Literal('inbox'), Type.Literal('sent')]),
  from: MailParty,
  to: MailParty,
  subject: LocalText,
  deliveredAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  attachments: Type.Integer({ minimum: 0 }),
  relatesTo: Type.Union([
    Type.Object({ applicationId: Type.String(), serviceCode: Type.String() }),
    Type.Null(),
  ]),
});
export type MessageSummary = Static<typeof MessageSummary>;

export const MailboxPage = Type.Object({ messages: Type.Array(MessageSummary), unread: Type.Integer() });
export type MailboxPage = Static<typeof MailboxPage>;

export const MessageView = Type.Composite([
  MessageSummary,
  Type.Object({
    body: LocalText,
    attachmentList: Type.Array(AttachmentInfo),
    receipts: Type.Array(ReceiptInfo),
    inReplyTo: Type.Union([Type.String(), Type.Null()]),
  }),
]);
export type MessageView = Static<typeof MessageView>;

/** No control characters but line breaks and tabs in what a citizen writes. */
const Text = (maxLength: number) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$',
  });

export const NewAttachment = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f/\\\\]+$' }),
    mediaType: Type.String({ minLength: 1, maxLength: 100 }),
    /** The file's bytes, base64. */
    content: Type.String({ minLength: 1, maxLength: 14_000_000, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
  },
  { additionalProperties: false },
);
export type NewAttachment = Static<typeof NewAttachment>;

export const ReplyRequest = Type.Object(
  { body: Text(10_000), attachments: Type.Optional(Type.Array(NewAttachment, { maxItems: 5 })) },
  { additionalProperties: false },
);
export type ReplyRequest = Static<typeof ReplyRequest>;

export const ForwardRequest = Type.Object(
  {
    to: Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9-]+$' }),
    note: Type.Optional(Text(10_000)),
  },
  { additionalProperties: false },
);
export type ForwardRequest = Static<typeof ForwardRequest>;

export const Sent = Type.Object({
  messageId: Type.String(),
  deliveredAt: Type.String({ format: 'date-time' }),
});
export type Sent = Static<typeof Sent>;

export const Administration = Type.Object({ id: Type.String(), name: LocalText });
export type Administration = Static<typeof Administration>;

export const ReceiptCheck = Type.Object({
  valid: Type.Literal(true),
  receipt: Type.Object({
    type: Type.Union([Type.Literal('delivery-receipt'), Type.Literal('read-receipt')]),
    messageId: Type.String(),
    contentSha256: Type.String(),
    at: Type.String(),
  }),
});
export type ReceiptCheck = Static<typeof ReceiptCheck>;
