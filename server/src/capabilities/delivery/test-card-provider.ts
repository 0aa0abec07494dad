import crypto from 'node:crypto';
import type { CardPayment, ProviderCallback } from '@civitas/contracts/api/payments.ts';
import { AppError, type KeyStore } from '../../kernel/index.ts';

/** The provider's word on an order: its notification, signed with the secret it shares with us. */
export type ProviderNotification = ProviderCallback;

/**
 * A payment provider: it takes a card payment for an order and notifies the outcome, signed. The
 * platform trusts only notifications whose signature it can check.
 */
export interface PaymentProvider {
  charge(order: { id: string; amountCents: number }, card: CardPayment): Promise<ProviderNotification>;
  /** Whether a notification is the provider's own, unchanged. */
  verify(notification: ProviderNotification): boolean;
}

const SECRET_FILE = 'payments-test-provider-secret';

/** The test cards (card networks are outside the system: the one acceptable stand-in). */
export const TEST_CARDS = {
  approved: ['4242424242424242', '5555555555554444'],
  declined: ['4000000000000002'],
} as const;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The local test provider: accepts the test cards, declines the declined one and every other card. */
export class TestCardProvider implements PaymentProvider {
  private readonly secret: Buffer;

  constructor(keyStore: KeyStore) {
    this.secret = Buffer.from(
      keyStore.createIfAbsent(SECRET_FILE, crypto.randomBytes(32).toString('base64')).trim(),
      'base64',
    );
  }

  sign(fields: Omit<ProviderNotification, 'signature'>): ProviderNotification {
    const signature = crypto
      .createHmac('sha256', this.secret)
      .update(`${fields.orderId}|${fields.providerRef}|${fields.outcome}`)
      .digest('hex');
    return { ...fields, signature };
  }

  verify(notification: ProviderNotification): boolean {
    const expected = Buffer.from(this.sign(notification).signature, 'hex');
    const given = Buffer.from(notification.signature, 'hex');
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  }

  async charge(order: { id: string }, card: CardPayment): Promise<ProviderNotification> {
    const number = card.cardNumber.replace(/ /g, '');
    if (!/^[0-9]{12,19}$/.test(number) || !luhn(number))
      throw new AppError('validation-failed', 'The card number is not valid.');
    const [month, year] = card.expiry.split('/').map(Number) as [number, number];
    const now = new Date();
    const expired =
      2000 + year < now.getUTCFullYear() ||
      (2000 + year === now.getUTCFullYear() && month < now.getUTCMonth() + 1);
    if (expired || !(TEST_CARDS.approved as readonly string[]).includes(number))
      throw new AppError('payment-declined', 'The card was declined. No money was taken.');
    return this.sign({ orderId: order.id, providerRef: `test-${crypto.randomUUID()}`, outcome: 'paid' });
  }
}
