/** Health insurance register (schema `health_insurance`). */
export type HealthInsuranceStatus = 'insured' | 'interrupted';

export interface InsuredPersonRow {
  egn: string;
  status: HealthInsuranceStatus;
  insured_since: string;
  institution_id: string;
  institution_name: string;
  ehic_number: string | null;
  card_issued_on: string | null;
  card_valid_until: string | null;
}

export interface HealthInsuranceTables {
  'health_insurance.insured_persons': InsuredPersonRow;
}
