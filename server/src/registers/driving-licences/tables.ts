/** Driving licences register (schema `driving_licences`). */
export type LicenceStatus = 'valid' | 'suspended' | 'withdrawn';

export interface LicenceRow {
  number: string;
  egn: string;
  issued_on: string;
  valid_until: string;
  issuer: string;
  /** Control points left (Bulgaria starts every driver at 39 and deducts per offence). */
  points_remaining: number;
  status: LicenceStatus;
}

export interface LicenceCategoryRow {
  licence_number: string;
  /** AM, A1, A2, A, B1, B, BE, C1, C1E, C, CE, D1, D1E, D, DE, T, Tkt, Ttm */
  category: string;
  obtained_on: string;
}

export interface DrivingLicenceTables {
  'driving_licences.licences': LicenceRow;
  'driving_licences.categories': LicenceCategoryRow;
}
