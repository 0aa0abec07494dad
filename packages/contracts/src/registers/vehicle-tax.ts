import { type Static, Type } from '@sinclair/typebox';
import { Answer, byVin, defineService, IsoDate, Nullable } from './contract.ts';

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
