import crypto from 'node:crypto';
import type { CardPayment, Due, PaymentOrder } from '@civitas/contracts/api/payments.ts';
import { FINES, FINES_MARK_PAID } from '@civitas/contracts/registers/fines.ts';
import { VEHICLE_TAX, VEHICLE_TAX_MARK_PAID } from '@civitas/contracts/registers/vehicle-tax.ts';
import { VEHICLES } from '@civitas/contracts/registers/vehicles.ts';
import type { Kysely, Selectable } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { CallContext, ExchangeClient } from '../../exchange/index.ts';
import { AppError } from '../../kernel/index.ts';
import type { LocalText, Notifier, PaymentPurpose, PaymentRequest, Payments } from './ports.ts';
import type { RegisterWrite } from './register-writes.ts';
import type { DeliveryTables, PaymentOrderRow } from './tables.ts';
import type { PaymentProvider, ProviderNotification } from './test-card-provider.ts';

type PaidListener = (order: { orderId: string; purpose: unknown; paidAt: string }) => Promise<void>;

export interface PaymentServiceOptions {
  provider: PaymentProvider;
  registers: Pick<ExchangeClient, 'ask'>;
  write: RegisterWrite;
  notifier: Notifier;
  report?: (error: unknown) => void;
  now?: () => Date;
}

const FEE_PAYMENT = { purpose: 'fee-payment', legalBasis: 'e-government-act-art-2' } as const;
const OWN_DATA = { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' } as const;

function purposeKey(purpose: PaymentPurpose): string {
  switch (purpose.kind) {
    case 'service-fee':
      return `service-fee:${purpose.applicationId}`;
    case 'fine':
      return `fine:${purpose.number}`;
    case 'vehicle-tax':
      return `vehicle-tax:${purpose.vin}:${purpose.year}`;
  }
}

const euro = (cents: number) => (cents / 100).toFixed(2);

/**
 * Payment orders: one open or paid order per thing owed (paying twice charges once), settled only
 * by a provider notification whose signature checks. A paid fine or vehicle tax is recorded in its
 * register through the exchange; a paid service fee is told to the listeners (es-core).
 */
export class PaymentService implements Payments {
  private readonly db: Kysely<DeliveryTables>;
  private readonly options: PaymentServiceOptions;
  private readonly listeners: PaidListener[] = [];
  private readonly now: () => Date;

  constructor(connection: Connection, options: PaymentServiceOptions) {
    this.db = tablesOf<DeliveryTables>(connection);
    this.options = options;
    this.now = options.now ?? (() => new Date());
  }

  onPaid(listener: PaidListener): void {
    this.listeners.push(listener);
  }

  async order(request: PaymentRequest): Promise<{ orderId: string; payUrl: string }> {
    const row = await this.openOrder(request);
    return { orderId: row.id, payUrl: payUrlOf(row.id) };
  }

  async status(orderId: string) {
    return (await this.byId(orderId)).status;
  }

  /** What the payer owes that can be paid here: unpaid fines and vehicle taxes, from the registers. */
  async dues(payer: string): Promise<{ items: Due[]; complete: boolean }> {
    const context: CallContext = { ...OWN_DATA, dataSubject: payer, userId: payer };
    const [fines, vehicles] = await Promise.all([
      this.options.registers.ask(FINES.endpoints.byPerson, { egn: payer }, context),
      this.options.registers.ask(VEHICLES.endpoints.byOwner, { ownerId: payer }, context),
    ]);
    const items: Due[] = [];
    let complete = fines.ok && (vehicles.ok || vehicles.failure.kind === 'not-found');
    if (fines.ok)
      for (const fine of fines.body.filter((fine) => !fine.paid))
        items.push({
          kind: 'fine',
          reference: fine.number,
          amountCents: fine.amountCents,
          currency: 'EUR',
          issuedOn: fine.issuedOn,
          detail: fine.offence,
        });
    if (vehicles.ok) {
      const taxes = await Promise.all(
        vehicles.body.map((vehicle) =>
          this.options.registers.ask(VEHICLE_TAX.endpoints.byVin, { vin: vehicle.vin }, context),
        ),
      );
      for (const [index, tax] of taxes.entries()) {
        if (!tax.ok) {
          complete = false;
          continue;
        }
        for (const year of tax.body.filter((row) => !row.paid && row.ownerId === payer))
          items.push({
            kind: 'vehicle-tax',
            reference: `${year.vin}/${year.year}`,
            amountCents: year.amountCents,
            currency: 'EUR',
            issuedOn: null,
            detail: vehicles.body[index]!.plate ?? year.vin,
          });
      }
    }
    return { items, complete };
  }

  /** An order for a fine or a year's vehicle tax the payer owes: the amount is the register's, not the client's. */
  async orderDue(
    payer: string,
    what: { kind: 'fine'; number: string } | { kind: 'vehicle-tax'; vin: string; year: number },
  ): Promise<PaymentOrder> {
    const reference = what.kind === 'fine' ? what.number : `${what.vin}/${what.year}`;
    const existing = await this.db
      .selectFrom('delivery.payment_orders')
      .selectAll()
      .where(
        'purpose_key',
        '=',
        what.kind === 'fine' ? `fine:${what.number}` : `vehicle-tax:${what.vin}:${what.year}`,
      )
      .where('payer', '=', payer)
      .where('status', 'in', ['pending', 'paid'])
      .executeTakeFirst();
    if (existing) return viewOf(existing);
    const due = (await this.dues(payer)).items.find(
      (item) => item.kind === what.kind && item.reference === reference,
    );
    if (!due) throw new AppError('payment-not-due', `Nothing unpaid under ${reference}.`);
    const description: LocalText =
      what.kind === 'fine'
        ? { bg: `Глоба № ${what.number}`, en: `Fine No ${what.number}`, pl: `Mandat nr ${what.number}` }
        : {
            bg: `Данък върху МПС ${due.detail}, ${what.year} г.`,
            en: `Vehicle tax ${due.detail}, ${what.year}`,
            pl: `Podatek od pojazdu ${due.detail}, ${what.year}`,
          };
    const row = await this.openOrder({
      payer,
      purpose: what,
      amountCents: due.amountCents,
      currency: 'EUR',
      description,
    });
    return viewOf(row);
  }

  /** The payer's order; anyone else's does not exist for them. */
  async view(payer: string, orderId: string): Promise<PaymentOrder> {
    const row = await this.byId(orderId);
    if (row.payer !== payer) throw new AppError('payment-order-not-found', 'There is no such payment order.');
    return viewOf(row);
  }

  /** Pays an order by card through the provider; an order already paid is not charged again. */
  async payByCard(payer: string, orderId: string, card: CardPayment): Promise<PaymentOrder> {
    const row = await this.byId(orderId);
    if (row.payer !== payer) throw new AppError('payment-order-not-found', 'There is no such payment order.');
    if (row.status === 'paid') return viewOf(row);
    if (row.status !== 'pending') throw new AppError('payment-closed', 'This payment order is closed.');
    const notification = await this.options.provider.charge(
      { id: row.id, amountCents: row.amount_cents },
      card,
    );
    await this.settle(notification);
    return this.view(payer, orderId);
  }

  /** A provider's notification: checked, then applied once (a repeated one changes nothing). */
  async settle(notification: ProviderNotification): Promise<void> {
    if (!this.options.provider.verify(notification))
      throw new AppError(
        'payment-callback-invalid',
        'The notification is not signed by the payment provider.',
      );
    const row = await this.byId(notification.orderId);
    if (notification.outcome === 'failed') {
      await this.db
        .updateTable('delivery.payment_orders')
        .set({ status: 'failed', provider_ref: notification.providerRef })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .execute();
      return;
    }
    const paidAt = this.now();
    const updated = await this.db
      .updateTable('delivery.payment_orders')
      .set({ status: 'paid', paid_at: paidAt, provider_ref: notification.providerRef })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    const paid =
      updated.numUpdatedRows > 0n
        ? { ...row, status: 'paid' as const, paid_at: paidAt, provider_ref: notification.providerRef }
        : await this.byId(row.id);
    if (paid.status !== 'paid') return;
    // Recorded in the register each time the provider confirms: the register's write is idempotent.
    await this.recordInRegister(paid);
    if (updated.numUpdatedRows === 0n) return;
    const purpose = parsed(paid.purpose);
    for (const listener of this.listeners)
      await listener({ orderId: paid.id, purpose, paidAt: paidAt.toISOString() }).catch((error: unknown) =>
        this.options.report?.(error),
      );
    const description = parsed(paid.description) as LocalText;
    await this.options.notifier.notify(paid.payer, {
      kind: 'payment',
      title: { bg: 'Плащането е получено', en: 'Payment received', pl: 'Płatność otrzymana' },
      body: {
        bg: `${description.bg}: ${euro(paid.amount_cents)} EUR`,
        en: `${description.en}: EUR ${euro(paid.amount_cents)}`,
        pl: `${description.pl}: ${euro(paid.amount_cents)} EUR`,
      },
      link: payUrlOf(paid.id),
    });
  }

  private async recordInRegister(order: Selectable<PaymentOrderRow>): Promise<void> {
    const purpose = parsed(order.purpose) as PaymentPurpose;
    const context: CallContext = {
      ...FEE_PAYMENT,
      dataSubject: order.payer,
      userId: order.payer,
      caseRef: order.id,
    };
    const paidOn = (order.paid_at ?? this.now()).toISOString().slice(0, 10);
    const paymentRef = order.provider_ref ?? order.id;
    if (purpose.kind === 'fine')
      await this.options.write(FINES_MARK_PAID, { number: purpose.number, paidOn, paymentRef }, context);
    else if (purpose.kind === 'vehicle-tax')
      await this.options.write(
        VEHICLE_TAX_MARK_PAID,
        { vin: purpose.vin, year: purpose.year, paidOn, paymentRef },
        context,
      );
  }

  private async openOrder(request: PaymentRequest): Promise<Selectable<PaymentOrderRow>> {
    if (!Number.isInteger(request.amountCents) || request.amountCents <= 0)
      throw new AppError('validation-failed', 'The amount must be a positive number of cents.');
    const key = purposeKey(request.purpose);
    const inserted = await this.db
      .insertInto('delivery.payment_orders')
      .values({
        id: crypto.randomUUID(),
        payer: request.payer,
        purpose: JSON.stringify(request.purpose),
        purpose_key: key,
        amount_cents: request.amountCents,
        currency: request.currency,
        description: JSON.stringify(request.description),
        status: 'pending',
        paid_at: null,
        provider_ref: null,
      })
      .onConflict((conflict) =>
        conflict.column('purpose_key').where('status', 'in', ['pending', 'paid']).doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    if (inserted) return inserted;
    return this.db
      .selectFrom('delivery.payment_orders')
      .selectAll()
      .where('purpose_key', '=', key)
      .where('status', 'in', ['pending', 'paid'])
      .executeTakeFirstOrThrow();
  }

  private async byId(orderId: string): Promise<Selectable<PaymentOrderRow>> {
    const row = await this.db
      .selectFrom('delivery.payment_orders')
      .selectAll()
      .where('id', '=', orderId)
      .executeTakeFirst();
    if (!row) throw new AppError('payment-order-not-found', 'There is no such payment order.');
    return row;
  }
}

function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export const payUrlOf = (orderId: string) => `/payments/orders/${orderId}`;

function viewOf(row: Selectable<PaymentOrderRow>): PaymentOrder {
  return {
    orderId: row.id,
    payUrl: payUrlOf(row.id),
    status: row.status,
    amountCents: row.amount_cents,
    currency: 'EUR',
    description: parsed(row.description) as LocalText,
    paidAt: row.paid_at?.toISOString() ?? null,
  };
}
