/** Periodic technical inspections register (schema `inspections`). */
import type { InspectionResult } from '@civitas/contracts/registers/inspections.ts';

export type { InspectionResult } from '@civitas/contracts/registers/inspections.ts';

export interface InspectionRow {
  vin: string;
  seq: number;
  inspected_on: string;
  station_code: string;
  station_name: string;
  result: InspectionResult;
  odometer_km: number;
  next_due: string | null;
  protocol_number: string;
}

export interface InspectionTables {
  'inspections.inspections': InspectionRow;
}
