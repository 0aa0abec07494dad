import { type Static, Type } from '@sinclair/typebox';
import { Answer, byPerson, Codes, defineService, IsoDate, Nullable } from './contract.ts';

/**
 * The health insurance register's answer (BG: НЗОК/NHIF; PL: NFZ): whether a person is insured and
 * their European Health Insurance Card (EHIC). Browser-safe.
 */

export const HEALTH_INSURANCE_STATUSES = ['insured', 'interrupted'] as const;

export const HealthInsurance = Answer({
  egn: Type.String(),
  /** `interrupted`: contributions unpaid, so no rights to care at the fund's expense (and no EHIC). */
  status: Codes(HEALTH_INSURANCE_STATUSES),
  insuredSince: IsoDate,
  /** The competent institution's identification code (EHIC field 8), e.g. `1200`. */
  institutionId: Type.String(),
  institutionName: Type.String(),
  /** The EHIC card's identification number (EHIC field 9, 20 digits); null when none was issued. */
  ehicNumber: Nullable(Type.String({ pattern: '^[0-9]{20}$' })),
  cardIssuedOn: Nullable(IsoDate),
  /** The card's expiry (EHIC field 10). */
  cardValidUntil: Nullable(IsoDate),
});
export type HealthInsurance = Static<typeof HealthInsurance>;

export const HEALTH_INSURANCE = defineService({
  subsystem: 'health-insurance',
  service: 'insured-persons',
  name: 'Health insurance',
  description: "A person's health insurance status and European Health Insurance Card.",
  endpoints: {
    byPerson: byPerson("A person's health insurance and EHIC", HealthInsurance),
  },
});
