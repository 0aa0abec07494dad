import crypto from 'node:crypto';
import type {
  AttachmentInfo,
  MailParty,
  MessageSummary,
  MessageView,
} from '@civitas/contracts/api/mailbox.ts';
import type { Kysely, Selectable } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import { AppError } from '../../kernel/index.ts';
import { checkAttachment } from './attachments.ts';
import type { Delivery, LocalText, OutgoingMessage, Party } from './ports.ts';
import type { ReceiptPayload, ReceiptSealer } from './receipts.ts';
import type { MailboxSealing, MessageKey } from './sealing.ts';
import type { DeliveryTables, MessageRow } from './tables.ts';

/** Whose mailbox: a person by personal number, an administration by id. */
export interface MailboxOwner {
  kind: 'person' | 'administration';
  id: string;
}

interface Envelope {
  subject: LocalText;
  body: LocalText;
  fromName: LocalText | null;
  toName: LocalText | null;
  attachments: Array<Omit<AttachmentInfo, 'index'>>;
}

export interface MailboxOptions {
  sealing: MailboxSealing;
  receipts: ReceiptSealer;
  /** Told when a recipient first opens a message (its "new mail" notification is then read). */
  onFirstOpened?: (message: { id: string; reader: MailboxOwner }) => Promise<void>;
  /** Told of each message delivered (the notifier tells a person of new mail). */
  onDelivered?: (message: { id: string; to: Party; subject: LocalText }) => Promise<void>;
  now?: () => Date;
}

const ownerOf = (party: Party): MailboxOwner =>
  party.kind === 'person' ? { kind: 'person', id: party.subject } : { kind: 'administration', id: party.id };

const sha256 = (bytes: Uint8Array | string) => crypto.createHash('sha256').update(bytes).digest('hex');

/** The hash a receipt attests: the message's words and its attachments' hashes, in a fixed order. */
function contentHash(envelope: Envelope): string {
  return sha256(
    JSON.stringify([
      [envelope.subject.bg, envelope.subject.en, envelope.subject.pl],
      [envelope.body.bg, envelope.body.en, envelope.body.pl],
      envelope.attachments.map((attachment) => [attachment.name, attachment.mediaType, attachment.sha256]),
    ]),
  );
}

const same = (a: MailboxOwner, kind: string, id: string) => a.kind === kind && a.id === id;

/**
 * The secure mailbox of every citizen and administration: messages sealed at rest, a sealed
 * delivery receipt when a message enters a box and a sealed read receipt when its recipient first
 * opens it. A message is visible to its sender and its recipient only; to anyone else it does not
 * exist (404).
 */
export class Mailbox implements Delivery {
  private readonly db: Kysely<DeliveryTables>;
  private readonly options: MailboxOptions;
  private readonly now: () => Date;

  constructor(connection: Connection, options: MailboxOptions) {
    this.db = tablesOf<DeliveryTables>(connection);
    this.options = options;
    this.now = options.now ?? (() => new Date());
  }

  async deliver(message: OutgoingMessage, inReplyTo: string | null = null) {
    for (const attachment of message.attachments) checkAttachment(attachment);
    const id = crypto.randomUUID();
    const key = this.options.sealing.newKey(id);
    const envelope: Envelope = {
      subject: message.subject,
      body: message.body,
      fromName: message.from.kind === 'administration' ? message.from.name : null,
      toName: message.to.kind === 'administration' ? message.to.name : null,
      attachments: message.attachments.map((attachment) => ({
        name: attachment.name,
        mediaType: attachment.mediaType,
        size: attachment.content.byteLength,
        sha256: sha256(attachment.content),
      })),
    };
    const from = ownerOf(message.from);
    const to = ownerOf(message.to);
    const deliveredAt = this.now();
    const receipt = await this.options.receipts.seal({
      type: 'delivery-receipt',
      messageId: id,
      from,
      to,
      contentSha256: contentHash(envelope),
      at: deliveredAt.toISOString(),
    });
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('delivery.messages')
        .values({
          id,
          from_kind: from.kind,
          from_id: from.id,
          to_kind: to.kind,
          to_id: to.id,
          wrapped_key: key.wrapped,
          envelope: key.seal('envelope', Buffer.from(JSON.stringify(envelope), 'utf8')),
          application_id: message.relatesTo?.applicationId ?? null,
          service_code: message.relatesTo?.serviceCode ?? null,
          in_reply_to: inReplyTo,
          delivered_at: deliveredAt,
          read_at: null,
        })
        .execute();
      if (message.attachments.length > 0)
        await trx
          .insertInto('delivery.attachments')
          .values(
            message.attachments.map((attachment, position) => ({
              message_id: id,
              position,
              content: key.seal(`attachment:${position}`, attachment.content),
            })),
          )
          .execute();
      await trx
        .insertInto('delivery.receipts')
        .values({ message_id: id, kind: 'delivery', at: deliveredAt, jws: receipt })
        .execute();
    });
    await this.options.onDelivered?.({ id, to: message.to, subject: message.subject });
    return { messageId: id, deliveredAt: deliveredAt.toISOString() };
  }

  /** A mailbox's messages, newest first: what arrived (`inbox`) or what its holder sent (`sent`). */
  async list(reader: MailboxOwner, box: 'inbox' | 'sent', limit = 50): Promise<MessageSummary[]> {
    const [kind, id] =
      box === 'inbox' ? (['to_kind', 'to_id'] as const) : (['from_kind', 'from_id'] as const);
    const rows = await this.db
      .selectFrom('delivery.messages')
      .selectAll()
      .where(kind, '=', reader.kind)
      .where(id, '=', reader.id)
      .orderBy('delivered_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => this.summaryOf(reader, row, this.envelopeOf(row).envelope));
  }

  async unread(reader: MailboxOwner): Promise<number> {
    const row = await this.db
      .selectFrom('delivery.messages')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('to_kind', '=', reader.kind)
      .where('to_id', '=', reader.id)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** A message as its reader sees it; the recipient's first opening is recorded with a sealed read receipt. */
  async open(reader: MailboxOwner, messageId: string): Promise<MessageView> {
    let row = await this.visible(reader, messageId);
    const { envelope } = this.envelopeOf(row);
    if (same(reader, row.to_kind, row.to_id) && row.read_at === null) {
      const readAt = this.now();
      const receipt = await this.options.receipts.seal({
        type: 'read-receipt',
        messageId,
        from: { kind: row.from_kind, id: row.from_id },
        to: { kind: row.to_kind, id: row.to_id },
        contentSha256: contentHash(envelope),
        at: readAt.toISOString(),
      });
      // Only the first opening counts: a second tab opening it at the same moment records nothing.
      const first = await this.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('delivery.messages')
          .set({ read_at: readAt })
          .where('id', '=', messageId)
          .where('read_at', 'is', null)
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) return false;
        await trx
          .insertInto('delivery.receipts')
          .values({ message_id: messageId, kind: 'read', at: readAt, jws: receipt })
          .execute();
        return true;
      });
      if (first) {
        row = { ...row, read_at: readAt };
        await this.options.onFirstOpened?.({ id: messageId, reader });
      }
    }
    const receipts = await this.db
      .selectFrom('delivery.receipts')
      .select(['kind', 'at'])
      .where('message_id', '=', messageId)
      .orderBy('at')
      .execute();
    return {
      ...this.summaryOf(reader, row, envelope),
      body: envelope.body,
      attachmentList: envelope.attachments.map((attachment, index) => ({ index, ...attachment })),
      receipts: receipts.map((receipt) => ({ kind: receipt.kind, at: receipt.at.toISOString() })),
      inReplyTo: row.in_reply_to,
    };
  }

  async attachment(reader: MailboxOwner, messageId: string, index: number) {
    const row = await this.visible(reader, messageId);
    const { envelope, key } = this.envelopeOf(row);
    const info = envelope.attachments[index];
    const stored = await this.db
      .selectFrom('delivery.attachments')
      .select('content')
      .where('message_id', '=', messageId)
      .where('position', '=', index)
      .executeTakeFirst();
    if (!info || !stored) throw new AppError('attachment-not-found', 'The message has no such attachment.');
    return { ...info, content: key.open(`attachment:${index}`, stored.content) };
  }

  /** A sealed receipt of the message, for its sender or recipient to keep and show. */
  async receipt(reader: MailboxOwner, messageId: string, kind: 'delivery' | 'read'): Promise<string> {
    await this.visible(reader, messageId);
    const row = await this.db
      .selectFrom('delivery.receipts')
      .select('jws')
      .where('message_id', '=', messageId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    if (!row) throw new AppError('message-not-found', `The message has no ${kind} receipt yet.`);
    return row.jws;
  }

  verifyReceipt(jws: string): Promise<ReceiptPayload> {
    return this.options.receipts.verify(jws);
  }

  receiptKeys() {
    return this.options.receipts.publicKeys();
  }

  /** The reader answers a message: the reply goes to its sender, in the same thread. */
  async reply(
    reader: Party & { kind: 'person' },
    messageId: string,
    text: string,
    attachments: OutgoingMessage['attachments'],
  ) {
    const me = ownerOf(reader);
    const row = await this.visible(me, messageId);
    if (!same(me, row.to_kind, row.to_id))
      throw new AppError('message-not-found', 'Only a message you received can be answered.');
    const { envelope } = this.envelopeOf(row);
    return this.deliver(
      {
        from: reader,
        to:
          row.from_kind === 'person'
            ? { kind: 'person', subject: row.from_id }
            : { kind: 'administration', id: row.from_id, name: envelope.fromName! },
        subject: prefixed('Re', envelope.subject),
        body: { bg: text, en: text, pl: text },
        attachments,
        ...this.relation(row),
      },
      row.id,
    );
  }

  /** The reader sends a message they received, with its documents, on to another administration. */
  async forward(
    reader: Party & { kind: 'person' },
    messageId: string,
    to: Party & { kind: 'administration' },
    note: string | undefined,
  ) {
    const me = ownerOf(reader);
    const row = await this.visible(me, messageId);
    const { envelope, key } = this.envelopeOf(row);
    const stored = await this.db
      .selectFrom('delivery.attachments')
      .select(['position', 'content'])
      .where('message_id', '=', messageId)
      .orderBy('position')
      .execute();
    const attachments = stored.map((attachment) => ({
      name: envelope.attachments[attachment.position]!.name,
      mediaType: envelope.attachments[attachment.position]!.mediaType,
      content: key.open(`attachment:${attachment.position}`, attachment.content),
    }));
    const quoted = (language: keyof LocalText) =>
      note ? `${note}\n\n---\n${envelope.body[language]}` : envelope.body[language];
    return this.deliver(
      {
        from: reader,
        to,
        subject: prefixed('Fwd', envelope.subject),
        body: { bg: quoted('bg'), en: quoted('en'), pl: quoted('pl') },
        attachments,
        ...this.relation(row),
      },
      row.id,
    );
  }

  private relation(row: Selectable<MessageRow>) {
    return row.application_id && row.service_code
      ? { relatesTo: { applicationId: row.application_id, serviceCode: row.service_code } }
      : {};
  }

  /** The message if the reader sent or received it; "not found" for anyone else. */
  private async visible(reader: MailboxOwner, messageId: string): Promise<Selectable<MessageRow>> {
    const row = await this.db
      .selectFrom('delivery.messages')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirst();
    if (!row || !(same(reader, row.to_kind, row.to_id) || same(reader, row.from_kind, row.from_id)))
      throw new AppError('message-not-found', 'There is no such message in your mailbox.');
    return row;
  }

  private envelopeOf(row: Selectable<MessageRow>): { envelope: Envelope; key: MessageKey } {
    const key = this.options.sealing.keyFor(row.id, row.wrapped_key);
    return { envelope: JSON.parse(key.open('envelope', row.envelope).toString('utf8')) as Envelope, key };
  }

  private summaryOf(reader: MailboxOwner, row: Selectable<MessageRow>, envelope: Envelope): MessageSummary {
    const party = (kind: MailboxOwner['kind'], id: string, name: LocalText | null): MailParty =>
      kind === 'administration'
        ? { kind, id, name }
        : { kind, id: same(reader, kind, id) ? 'me' : 'person', name: null };
    return {
      id: row.id,
      box: same(reader, row.to_kind, row.to_id) ? 'inbox' : 'sent',
      from: party(row.from_kind, row.from_id, envelope.fromName),
      to: party(row.to_kind, row.to_id, envelope.toName),
      subject: envelope.subject,
      deliveredAt: row.delivered_at.toISOString(),
      readAt: row.read_at?.toISOString() ?? null,
      attachments: envelope.attachments.length,
      relatesTo:
        row.application_id && row.service_code
          ? { applicationId: row.application_id, serviceCode: row.service_code }
          : null,
    };
  }
}

function prefixed(prefix: string, subject: LocalText): LocalText {
  const add = (text: string) => (text.startsWith(`${prefix}: `) ? text : `${prefix}: ${text}`);
  return { bg: add(subject.bg), en: add(subject.en), pl: add(subject.pl) };
}
