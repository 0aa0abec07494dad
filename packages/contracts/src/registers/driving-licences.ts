import { type Static, Type } from '@sinclair/typebox';
import { Answer, byPerson, Codes, defineService, IsoDate, Nullable } from './contract.ts';

/** The driving licences register's answer: a person's current licence and its categories. Browser-safe. */

export const LICENCE_STATUSES = ['valid', 'suspended', 'withdrawn'] as const;

export const LicenceCategory = Answer({
  licenceNumber: Type.String(),
  /** AM, A1, A2, A, B1, B, BE, C1, C1E, C, CE, D1, D1E, D, DE, T, Tkt, Ttm */
  category: Type.String(),
  obtainedOn: IsoDate,
});

/**
 * A restriction by its EU harmonised code (Directive 2006/126/EC, Annex I: `01.06` glasses or
 * contact lenses, `78` automatic only, `95` professional competence); category null: all of them.
 */
export const LicenceRestriction = Answer({
  code: Type.String({ pattern: '^[0-9]{2}(\\.[0-9]{2})?$' }),
  category: Nullable(Type.String()),
});
export type LicenceRestriction = Static<typeof LicenceRestriction>;

export const DrivingLicence = Answer({
  number: Type.String(),
  egn: Type.String(),
  issuedOn: IsoDate,
  validUntil: IsoDate,
  issuer: Type.String(),
  /** Control points left (Bulgaria starts every driver at 39 and deducts per offence). */
  pointsRemaining: Type.Integer(),
  status: Codes(LICENCE_STATUSES),
  categories: Type.Array(LicenceCategory),
  restrictions: Type.Array(LicenceRestriction),
});
export type DrivingLicence = Static<typeof DrivingLicence>;

export const DRIVING_LICENCES = defineService({
  subsystem: 'driving-licences',
  service: 'licences',
  name: 'Driving licences',
  description: "A person's driving licence: categories, validity, control points, status.",
  endpoints: {
    byPerson: byPerson("A person's current driving licence", DrivingLicence),
  },
});
