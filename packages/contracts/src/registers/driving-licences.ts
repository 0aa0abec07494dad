import { type Static, Type } from '@sinclair/typebox';
import { Answer, byPerson, Codes, defineService, IsoDate } from './contract.ts';

/** The driving licences register's answer: a person's current licence and its categories. Browser-safe. */

export const LICENCE_STATUSES = ['valid', 'suspended', 'withdrawn'] as const;

export const LicenceCategory = Answer({
  licenceNumber: Type.String(),
  /** AM, A1, A2, A, B1, B, BE, C1, C1E, C, CE, D1, D1E, D, DE, T, Tkt, Ttm */
  category: Type.String(),
  obtainedOn: IsoDate,
});

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
