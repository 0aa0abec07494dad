/** Compulsory motor third-party liability insurance register (schema `insurance`). */
export interface PolicyRow {
  policy_number: string;
  vin: string;
  insurer: string;
  starts_on: string;
  ends_on: string;
  cancelled: boolean;
}

export interface InsuranceTables {
  'insurance.policies': PolicyRow;
}
