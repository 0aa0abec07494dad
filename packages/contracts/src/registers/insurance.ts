import { type Static, Type } from '@sinclair/typebox';
import { Answer, byVin, defineService, IsoDate } from './contract.ts';

/** The compulsory motor third-party liability (MTPL) insurance register's answer. Browser-safe. */

export const Policy = Answer({
  policyNumber: Type.String(),
  vin: Type.String(),
  insurer: Type.String(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  cancelled: Type.Boolean(),
});
export type Policy = Static<typeof Policy>;

export const MTPL_POLICIES = defineService({
  subsystem: 'mtpl-insurance',
  service: 'policies',
  name: 'Compulsory motor liability insurance',
  description: 'MTPL policies of a vehicle - insurer, period, cancellation.',
  endpoints: {
    byVin: byVin('MTPL policies of a vehicle', Type.Array(Policy)),
  },
});
