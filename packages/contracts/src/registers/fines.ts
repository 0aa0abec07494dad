import { type Static, Type } from '@sinclair/typebox';
import { Answer, byPerson, byVin, Codes, defineService, IsoDate, Nullable } from './contract.ts';
import type { WriteContract } from './write-contract.ts';

/**
 * The traffic offences the fines register records, as stable codes (the register answers codes; the
 * web app and the PDF name them in the reader's language). Browser-safe.
 */
export const OFFENCES = [
  'speeding-11-20',
  'speeding-21-30',
  'speeding-over-30',
  'improper-parking',
  'no-seat-belt',
  'mobile-phone',
  'red-light',
  'right-of-way',
  'no-mtpl-insurance',
  'no-technical-inspection',
] as const;
export type Offence = (typeof OFFENCES)[number];

/** A fine. Amounts in euro cents. */
export const Fine = Answer({
  number: Type.String(),
  egn: Type.String(),
  vin: Nullable(Type.String()),
  plate: Nullable(Type.String()),
  issuedOn: IsoDate,
  issuer: Type.String(),
  offence: Codes(OFFENCES),
  amountCents: Type.Integer({ minimum: 0 }),
  paid: Type.Boolean(),
  paidOn: Nullable(IsoDate),
});
export type Fine = Static<typeof Fine>;

export const FINES = defineService({
  subsystem: 'traffic-fines',
  service: 'fines',
  name: 'Traffic fines',
  description:
    'Fines (electronic tickets and penal decrees) by offender or by vehicle, with amount and payment.',
  endpoints: {
    byPerson: byPerson("A person's traffic fines", Type.Array(Fine)),
    byVin: byVin('Fines recorded against a vehicle (offenders are personal data)', Type.Array(Fine), {
      personalData: true,
    }),
  },
});

/** A fine's payment as the payment provider confirmed it. */
export const FineMarkPaid = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 40, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
    paidOn: IsoDate,
    paymentRef: Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9._:-]+$' }),
  },
  { additionalProperties: false },
);
export type FineMarkPaid = Static<typeof FineMarkPaid>;

/** The fine after the write; `alreadyPaid` when it was paid before this call (the write is idempotent). */
export const FinePayment = Answer({
  number: Type.String(),
  paid: Type.Literal(true),
  paidOn: IsoDate,
  alreadyPaid: Type.Boolean(),
});
export type FinePayment = Static<typeof FinePayment>;

/** `POST /mark-paid` on the fines service: records that a fine was paid (the fines register's write service). */
export const FINES_MARK_PAID = {
  subsystem: FINES.subsystem,
  service: FINES.service,
  method: 'POST',
  path: '/mark-paid',
  summary: 'Record that a fine was paid (idempotent)',
  personalData: true,
  body: FineMarkPaid,
  answer: FinePayment,
} as const satisfies WriteContract;
