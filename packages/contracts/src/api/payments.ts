import { type Static, Type } from '@sinclair/typebox';
import { LocalText } from './mailbox.ts';

export const PaymentStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('paid'),
  Type.Literal('failed'),
  Type.Literal('cancelled'),
]);
export type PaymentStatus = Static<typeof PaymentStatus>;

/** Something the citizen owes that the app can take payment for. */
export const Due = Type.Object({
  kind: Type.Union([Type.Literal('fine'), Type.Literal('vehicle-tax')]),
  reference: Type.String({ description: 'the fine number, or "<vin>/<year>"' }),
  amountCents: Type.Integer(),
  currency: Type.Literal('EUR'),
  issuedOn: Type.Union([Type.String(), Type.Null()]),
  /** The fine's offence code or the vehicle's plate, shown beside the amount. */
  detail: Type.String(),
});
export type Due = Static<typeof Due>;

export const DueList = Type.Object({ items: Type.Array(Due), complete: Type.Boolean() });
export type DueList = Static<typeof DueList>;

export const OrderRequest = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('fine'),
      number: Type.String({ minLength: 1, maxLength: 40, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('vehicle-tax'),
      vin: Type.String({ minLength: 17, maxLength: 17, pattern: '^[A-HJ-NPR-Z0-9]{17}$' }),
      year: Type.Integer({ minimum: 1990, maximum: 2100 }),
    },
    { additionalProperties: false },
  ),
]);
export type OrderRequest = Static<typeof OrderRequest>;

export const PaymentOrder = Type.Object({
  orderId: Type.String(),
  payUrl: Type.String(),
  status: PaymentStatus,
  amountCents: Type.Integer(),
  currency: Type.Literal('EUR'),
  description: LocalText,
  paidAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type PaymentOrder = Static<typeof PaymentOrder>;

/** The test provider's card form (card networks are outside the system: this stands in for one). */
export const CardPayment = Type.Object(
  {
    cardNumber: Type.String({ minLength: 12, maxLength: 23, pattern: '^[0-9 ]+$' }),
    expiry: Type.String({ pattern: '^(0[1-9]|1[0-2])/[0-9]{2}$' }),
    cvc: Type.String({ pattern: '^[0-9]{3,4}$' }),
    holder: Type.String({ minLength: 2, maxLength: 100, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
  },
  { additionalProperties: false },
);
export type CardPayment = Static<typeof CardPayment>;

/** A payment provider's notification of an order's outcome, signed with the provider's shared secret. */
export const ProviderCallback = Type.Object(
  {
    orderId: Type.String({ minLength: 1, maxLength: 100 }),
    providerRef: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' }),
    outcome: Type.Union([Type.Literal('paid'), Type.Literal('failed')]),
    /** HMAC-SHA256 (hex) over `orderId|providerRef|outcome`. */
    signature: Type.String({ minLength: 64, maxLength: 64, pattern: '^[0-9a-f]{64}$' }),
  },
  { additionalProperties: false },
);
export type ProviderCallback = Static<typeof ProviderCallback>;
