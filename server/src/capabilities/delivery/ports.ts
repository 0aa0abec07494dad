/** The ports es-delivery offers the other contexts (issue 18's shared shapes, `ports.md` §3). */
export interface LocalText {
  bg: string;
  en: string;
  pl: string;
}

export type Party =
  | { kind: 'person'; subject: string }
  | { kind: 'administration'; id: string; name: LocalText };

export interface OutgoingMessage {
  from: Party;
  to: Party;
  subject: LocalText;
  body: LocalText;
  attachments: Array<{ name: string; mediaType: string; content: Uint8Array }>;
  relatesTo?: { applicationId: string; serviceCode: string };
}

export interface Delivery {
  /** Puts a message in the recipient's secure mailbox (encrypted at rest), with a delivery receipt. */
  deliver(message: OutgoingMessage): Promise<{ messageId: string; deliveredAt: string }>;
}

export interface Note {
  kind: 'application-status' | 'mail' | 'expiry' | 'payment';
  title: LocalText;
  body: LocalText;
  /** App path, e.g. '/services/applications/<id>'. */
  link: string;
}

export interface Notifier {
  /** In-app notification (and Web Push where the person subscribed). */
  notify(subject: string, note: Note): Promise<void>;
}

export type PaymentPurpose =
  | { kind: 'service-fee'; applicationId: string }
  | { kind: 'fine'; number: string }
  | { kind: 'vehicle-tax'; vin: string; year: number };

export interface PaymentRequest {
  payer: string;
  purpose: PaymentPurpose;
  amountCents: number;
  currency: 'EUR';
  description: LocalText;
}

export interface Payments {
  /** A payment order the citizen pays in the app (the local test provider stands in for the card network). */
  order(request: PaymentRequest): Promise<{ orderId: string; payUrl: string }>;
  status(orderId: string): Promise<'pending' | 'paid' | 'failed' | 'cancelled'>;
  /** Called when an order is paid (es-core marks the fee paid). */
  onPaid(listener: (order: { orderId: string; purpose: unknown; paidAt: string }) => Promise<void>): void;
}
