import type { Reminder } from '@civitas/contracts/api/notifications.ts';
import { dayFromIso } from '@civitas/contracts/days.ts';
import { DRIVING_LICENCES } from '@civitas/contracts/registers/driving-licences.ts';
import { IDENTITY_DOCUMENTS } from '@civitas/contracts/registers/identity-documents.ts';
import { INSPECTIONS } from '@civitas/contracts/registers/inspections.ts';
import { MTPL_POLICIES } from '@civitas/contracts/registers/insurance.ts';
import { VEHICLES } from '@civitas/contracts/registers/vehicles.ts';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { CallContext, ExchangeClient } from '../../exchange/index.ts';
import type { LocalText, Notifier } from './ports.ts';
import type { DeliveryTables } from './tables.ts';

/** The purpose and legal basis of the reminders' register reads (`kernel/purposes.ts`). */
export const REMINDER_ACCESS = { purpose: 'expiry-reminders', legalBasis: 'e-government-act-art-2' } as const;

/** How far ahead a person is reminded. */
export const REMINDER_WINDOW_DAYS = 60;

type Expiry = Omit<Reminder, 'daysLeft' | 'notified'>;

const NAMES: Record<Reminder['document'], LocalText> = {
  'id-card': { bg: 'Личната ви карта', en: 'Your ID card', pl: 'Twój dowód osobisty' },
  'driving-licence': {
    bg: 'Свидетелството ви за управление',
    en: 'Your driving licence',
    pl: 'Twoje prawo jazdy',
  },
  'mtpl-insurance': {
    bg: 'Гражданската отговорност на',
    en: 'The MTPL insurance of',
    pl: 'Ubezpieczenie OC pojazdu',
  },
  'technical-inspection': {
    bg: 'Годишният технически преглед на',
    en: 'The technical inspection of',
    pl: 'Badanie techniczne pojazdu',
  },
};

/**
 * Expiry reminders from register data, read through the exchange with their own purpose: an ID
 * card, a driving licence, a vehicle's MTPL insurance or next technical inspection that ends within
 * the window. Each expiry is notified once (recorded by person, document and date), whether found
 * by the scheduled job or on demand.
 */
export class Reminders {
  private readonly db: Kysely<DeliveryTables>;
  private readonly registers: Pick<ExchangeClient, 'ask'>;
  private readonly notifier: Notifier;

  constructor(connection: Connection, registers: Pick<ExchangeClient, 'ask'>, notifier: Notifier) {
    this.db = tablesOf<DeliveryTables>(connection);
    this.registers = registers;
    this.notifier = notifier;
  }

  /** The person's coming expiries, each notified now unless it was before. */
  async check(subject: string, today: string): Promise<Reminder[]> {
    const now = dayFromIso(today);
    const expiries = (await this.expiriesOf(subject)).filter((expiry) => {
      const left = dayFromIso(expiry.expiresOn) - now;
      return left >= 0 && left <= REMINDER_WINDOW_DAYS;
    });
    const reminders: Reminder[] = [];
    for (const expiry of expiries) {
      const recorded = await this.db
        .insertInto('delivery.reminders')
        .values({ subject, document: `${expiry.document}:${expiry.reference}`, expires_on: expiry.expiresOn })
        .onConflict((conflict) => conflict.columns(['subject', 'document', 'expires_on']).doNothing())
        .returning('subject')
        .executeTakeFirst();
      const daysLeft = dayFromIso(expiry.expiresOn) - now;
      if (recorded) await this.notifier.notify(subject, noteOf(expiry, daysLeft));
      reminders.push({ ...expiry, daysLeft, notified: recorded !== undefined });
    }
    return reminders;
  }

  /** The scheduled round: everyone who uses notifications (a bell or a push subscription). */
  async round(today: string, report: (error: unknown) => void): Promise<number> {
    const subjects = await this.db
      .selectFrom('delivery.push_subscriptions')
      .select('subject')
      .union(this.db.selectFrom('delivery.notifications').select('subject'))
      .execute();
    let sent = 0;
    for (const { subject } of subjects) {
      try {
        sent += (await this.check(subject, today)).filter((reminder) => reminder.notified).length;
      } catch (error) {
        report(error);
      }
    }
    return sent;
  }

  private async expiriesOf(egn: string): Promise<Expiry[]> {
    const context: CallContext = { ...REMINDER_ACCESS, dataSubject: egn };
    const [documents, licence, vehicles] = await Promise.all([
      this.registers.ask(IDENTITY_DOCUMENTS.endpoints.byPerson, { egn }, context),
      this.registers.ask(DRIVING_LICENCES.endpoints.byPerson, { egn }, context),
      this.registers.ask(VEHICLES.endpoints.byOwner, { ownerId: egn }, context),
    ]);
    const found: Expiry[] = [];
    if (documents.ok)
      for (const card of documents.body.filter((doc) => doc.kind === 'id_card' && doc.status === 'valid'))
        found.push({ document: 'id-card', reference: card.number, expiresOn: card.validUntil });
    if (licence.ok && licence.body.status === 'valid')
      found.push({
        document: 'driving-licence',
        reference: licence.body.number,
        expiresOn: licence.body.validUntil,
      });
    if (vehicles.ok)
      for (const vehicle of vehicles.body.filter((vehicle) => vehicle.plate)) {
        const vin = vehicle.vin;
        const [policies, inspections] = await Promise.all([
          this.registers.ask(MTPL_POLICIES.endpoints.byVin, { vin }, context),
          this.registers.ask(INSPECTIONS.endpoints.byVin, { vin }, context),
        ]);
        const policy = policies.ok
          ? policies.body
              .filter((row) => !row.cancelled)
              .sort((a, b) => a.endsOn.localeCompare(b.endsOn))
              .at(-1)
          : undefined;
        if (policy)
          found.push({ document: 'mtpl-insurance', reference: vehicle.plate!, expiresOn: policy.endsOn });
        const inspection = inspections.ok ? inspections.body.at(-1) : undefined;
        if (inspection?.nextDue)
          found.push({
            document: 'technical-inspection',
            reference: vehicle.plate!,
            expiresOn: inspection.nextDue,
          });
      }
    return found;
  }
}

function noteOf(expiry: Expiry, daysLeft: number) {
  const name = NAMES[expiry.document];
  const vehicle = expiry.document === 'mtpl-insurance' || expiry.document === 'technical-inspection';
  const what = (language: keyof LocalText) =>
    vehicle ? `${name[language]} ${expiry.reference}` : name[language];
  return {
    kind: 'expiry' as const,
    title: {
      bg: `${what('bg')} изтича след ${daysLeft} дни`,
      en: `${what('en')} expires in ${daysLeft} days`,
      pl: `${what('pl')} wygasa za ${daysLeft} dni`,
    },
    body: {
      bg: `Валидно до ${expiry.expiresOn}.`,
      en: `Valid until ${expiry.expiresOn}.`,
      pl: `Ważne do ${expiry.expiresOn}.`,
    },
    link: '/notifications',
  };
}

export const todayIso = (now = new Date()) => now.toISOString().slice(0, 10);
