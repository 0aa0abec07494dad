import { type Static, Type } from '@sinclair/typebox';
import { Answer, byPerson, Codes, defineService, IsoDate, Nullable } from './contract.ts';

/**
 * The criminal-records register (BG: бюро съдимост, the Ministry of Justice's): a person's
 * convictions, or that there are none. Browser-safe.
 */

/** Offences as codes. */
export const OFFENCES = [
  'theft',
  'fraud',
  'bodily-harm',
  'hooliganism',
  'document-forgery',
  'tax-evasion',
  'drunk-driving',
] as const;
export type Offence = (typeof OFFENCES)[number];
/** The article of the Criminal Code (НК) each offence is under. */
export const OFFENCE_ARTICLES: Readonly<Record<Offence, string>> = {
  theft: 'НК чл. 194',
  fraud: 'НК чл. 209',
  'bodily-harm': 'НК чл. 129',
  hooliganism: 'НК чл. 325',
  'document-forgery': 'НК чл. 308',
  'tax-evasion': 'НК чл. 255',
  'drunk-driving': 'НК чл. 343б',
};

export const SENTENCES = ['imprisonment', 'suspended-imprisonment', 'probation', 'fine'] as const;
export type Sentence = (typeof SENTENCES)[number];

/**
 * What a certificate of criminal record says: `no-convictions` (never convicted), `rehabilitated`
 * (every conviction erased by rehabilitation: the certificate says "not convicted" too), `convicted`.
 */
export const RECORD_STATUSES = ['no-convictions', 'rehabilitated', 'convicted'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const Conviction = Answer({
  /** The bulletin's number in the register. */
  bulletin: Type.String(),
  court: Type.String(),
  caseNumber: Type.String(),
  /** The day the judgment became final. */
  finalOn: IsoDate,
  offence: Codes(OFFENCES),
  sentence: Codes(SENTENCES),
  /** Months of imprisonment or probation; null for a fine. */
  months: Nullable(Type.Integer({ minimum: 1 })),
  /** A fine's amount in euro cents; null otherwise. */
  fineCents: Nullable(Type.Integer({ minimum: 1 })),
  rehabilitated: Type.Boolean(),
});
export type Conviction = Static<typeof Conviction>;

export const CriminalRecord = Answer({
  egn: Type.String(),
  status: Codes(RECORD_STATUSES),
  /** The oldest first; empty for `no-convictions`. */
  convictions: Type.Array(Conviction),
});
export type CriminalRecord = Static<typeof CriminalRecord>;

/** The purpose and legal basis on which a certificate of criminal record is made. */
export const CRIMINAL_RECORD_CERTIFICATE = {
  purpose: 'certificate-of-no-criminal-record',
  legalBasis: 'criminal-records-ordinance',
} as const;

export const CRIMINAL_RECORDS = defineService({
  subsystem: 'criminal-records',
  service: 'convictions',
  name: 'Criminal records',
  description: "A person's convictions, or that they have none (for a certificate of criminal record).",
  endpoints: {
    byPerson: byPerson("A person's criminal record", CriminalRecord),
  },
});
