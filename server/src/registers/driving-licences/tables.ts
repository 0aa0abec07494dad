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

/**
 * A restriction or additional information on a licence, by its EU harmonised code (Directive
 * 2006/126/EC, Annex I): `01.06` glasses or contact lenses, `78` automatic transmission only,
 * `95` certificate of professional competence. `category` null: it applies to every category.
 */
export interface LicenceRestrictionRow {
  licence_number: string;
  code: string;
  category: string | null;
}

export interface DrivingLicenceTables {
  'driving_licences.licences': LicenceRow;
  'driving_licences.categories': LicenceCategoryRow;
  'driving_licences.restrictions': LicenceRestrictionRow;
}
