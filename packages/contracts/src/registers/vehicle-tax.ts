import { type Static, Type } from '@sinclair/typebox';
import { Answer, byVin, defineService, IsoDate, Nullable } from './contract.ts';
import type { WriteContract } from './write-contract.ts';

/** The local vehicle tax register's answer (kept by the municipalities). Browser-safe. */

/** A year's assessment. Amounts in euro cents. */
export const TaxAssessment = Answer({
  vin: Type.String(),
  year: Type.Integer(),
  municipalityName: Type.String(),
  ownerId: Type.String(),
  amountCents: Type.Integer({ minimum: 0 }),
  paid: Type.Boolean(),
  paidOn: Nullable(IsoDate),
});
export type TaxAssessment = Static<typeof TaxAssessment>;

export const VEHICLE_TAX = defineService({
  subsystem: 'local-taxes',
  service: 'vehicle-tax',
  name: 'Local vehicle tax',
  description: 'Vehicle tax assessments by year - amount and payment.',
  endpoints: {
    byVin: byVin('Vehicle tax of a vehicle by year', Type.Array(TaxAssessment)),
  },
});

/** A year's vehicle tax paid, as the payment provider confirmed it. */
export const TaxMarkPaid = Type.Object(
  {
    vin: Type.String({ minLength: 17, maxLength: 17, pattern: '^[A-HJ-NPR-Z0-9]{17}$' }),
    year: Type.Integer({ minimum: 1990, maximum: 2100 }),
    paidOn: IsoDate,
    paymentRef: Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9._:-]+$' }),
  },
  { additionalProperties: false },
);
export type TaxMarkPaid = Static<typeof TaxMarkPaid>;

export const TaxPayment = Answer({
  vin: Type.String(),
  year: Type.Integer(),
  paid: Type.Literal(true),
  paidOn: IsoDate,
  alreadyPaid: Type.Boolean(),
});
export type TaxPayment = Static<typeof TaxPayment>;

/** `POST /mark-paid` on the vehicle-tax service: records that a year's tax was paid (idempotent). */
export const VEHICLE_TAX_MARK_PAID = {
  subsystem: VEHICLE_TAX.subsystem,
  service: VEHICLE_TAX.service,
  method: 'POST',
  path: '/mark-paid',
  summary: "Record that a vehicle's tax for a year was paid (idempotent)",
  personalData: true,
  body: TaxMarkPaid,
  answer: TaxPayment,
} as const satisfies WriteContract;
