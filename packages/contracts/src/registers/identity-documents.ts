import { type Static, Type } from '@sinclair/typebox';
import { Answer, byPerson, Codes, defineService, IsoDate } from './contract.ts';

/** The identity documents register's answers: a person's ID cards and passports. Browser-safe. */

export const DOCUMENT_KINDS = ['id_card', 'passport'] as const;
export const DOCUMENT_STATUSES = ['valid', 'lost', 'stolen', 'destroyed'] as const;

export const IdentityDocument = Answer({
  number: Type.String(),
  egn: Type.String(),
  kind: Codes(DOCUMENT_KINDS),
  issuedOn: IsoDate,
  validUntil: IsoDate,
  issuer: Type.String(),
  status: Codes(DOCUMENT_STATUSES),
});
export type IdentityDocument = Static<typeof IdentityDocument>;

export const IDENTITY_DOCUMENTS = defineService({
  subsystem: 'identity-documents',
  service: 'documents',
  name: 'Bulgarian identity documents',
  description: 'Identity cards and passports of a person, with validity and status (valid, lost, stolen).',
  endpoints: {
    byPerson: byPerson("A person's identity documents", Type.Array(IdentityDocument)),
  },
});
