/** Commercial register (schema `commercial`). Enumerated columns hold the contract's codes. */
import type {
  CompanyStatus,
  LegalForm,
  RepresentativeRole,
} from '@civitas/contracts/registers/commercial.ts';

export interface CompanyRow {
  eik: string;
  name: string;
  name_latin: string;
  legal_form: LegalForm;
  registered_on: string;
  status: CompanyStatus;
  municipality_name: string;
  settlement_name: string;
  postcode: string;
  street: string;
  building: string;
}

export interface RepresentativeRow {
  eik: string;
  /** The representative's personal number (every personal table carries its subject key). */
  egn: string;
  name: string;
  role: RepresentativeRole;
  alone: boolean;
  since: string;
}

export interface CommercialTables {
  'commercial.companies': CompanyRow;
  'commercial.representatives': RepresentativeRow;
}
