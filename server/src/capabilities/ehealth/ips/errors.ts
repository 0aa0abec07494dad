import { type CodesOf, defineErrors } from '../../../kernel/index.ts';

/** This part's error codes (each has a row in docs/errors.md and a text in every locale). */
export const ehealthIpsErrors = defineErrors({
  'ips-patient-not-found': {
    status: 404,
    title: 'No such patient, or not one whose record the caller may see',
  },
  'ips-document-not-found': {
    status: 404,
    title: 'No such document, or not one the caller may see',
  },
  'ips-document-without-text': {
    status: 422,
    title: 'The document carries no text content to render as PDF',
  },
  'ips-parameter-invalid': {
    status: 400,
    title: 'An operation parameter is malformed (_since, _type, _count, _offset, identifier, _language)',
  },
  'ips-identifier-required': {
    status: 400,
    title: 'Patient/$summary at the type level needs the identifier parameter',
  },
  'ips-scope-insufficient': {
    status: 403,
    title: 'The access token does not grant reading this patient data',
  },
});

declare module '../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof ehealthIpsErrors> {}
}
