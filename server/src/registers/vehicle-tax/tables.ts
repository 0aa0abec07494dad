/** Local vehicle tax register (schema `vehicle_tax`), kept by the municipalities. Amounts in euro cents. */
export interface VehicleTaxRow {
  vin: string;
  year: number;
  municipality_name: string;
  owner_id: string;
  amount_cents: number;
  paid: boolean;
  paid_on: string | null;
}

export interface VehicleTaxTables {
  'vehicle_tax.assessments': VehicleTaxRow;
}
