import { type Static, Type } from '@sinclair/typebox';
import { Answer, byVin, Codes, defineService, IsoDate, Nullable } from './contract.ts';

/** Results of a periodic technical inspection, as stable codes. Browser-safe. */
export const INSPECTION_RESULTS = ['passed', 'failed'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export const Inspection = Answer({
  vin: Type.String(),
  seq: Type.Integer(),
  inspectedOn: IsoDate,
  stationCode: Type.String(),
  stationName: Type.String(),
  result: Codes(INSPECTION_RESULTS),
  odometerKm: Type.Integer({ minimum: 0 }),
  nextDue: Nullable(IsoDate),
  protocolNumber: Type.String(),
});
export type Inspection = Static<typeof Inspection>;

export const INSPECTIONS = defineService({
  subsystem: 'inspections',
  service: 'inspections',
  name: 'Periodic technical inspections',
  description: 'Inspections of a vehicle - station, date, result and odometer reading.',
  endpoints: {
    byVin: byVin('Inspections of a vehicle', Type.Array(Inspection)),
  },
});
