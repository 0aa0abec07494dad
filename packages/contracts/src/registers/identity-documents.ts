import { type Static, Type } from '@sinclair/typebox';
import { Answer, byPerson, Codes, defineService, IsoDate, PersonalNumberParam } from './contract.ts';

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

/** The photo the register holds for a person's documents. */
export const Portrait = Answer({
  egn: Type.String(),
  mediaType: Type.Literal('image/png'),
  /** The image's bytes, base64 (standard alphabet, padded). */
  data: Type.String({ pattern: '^[A-Za-z0-9+/]+={0,2}$', maxLength: 16_384 }),
});
export type Portrait = Static<typeof Portrait>;

export const IDENTITY_DOCUMENTS = defineService({
  subsystem: 'identity-documents',
  service: 'documents',
  name: 'Bulgarian identity documents',
  description: 'Identity cards and passports of a person, with validity and status (valid, lost, stolen).',
  endpoints: {
    byPerson: byPerson("A person's identity documents", Type.Array(IdentityDocument)),
    portrait: {
      path: '/by-person/{egn}/portrait',
      summary: "The photo of a person's identity documents",
      personalData: true,
      params: Type.Object({ egn: PersonalNumberParam }),
      answer: Portrait,
    },
  },
});
