import { type CodesOf, defineErrors } from '../../../kernel/index.ts';

/** The error codes of the wallet's credentials (each has a row in docs/errors.md and a text in every locale). */
export const walletCredentialsErrors = defineErrors({
  'credential-source-missing': {
    status: 404,
    title: 'The registers hold no such document of the person',
  },
  'credential-source-invalid': {
    status: 409,
    title: 'The document in the register is not valid (suspended, withdrawn, expired or interrupted)',
  },
  'credential-source-deceased': {
    status: 404,
    title: 'The person is recorded as deceased: no credential is issued',
  },
  'credential-source-vin-required': {
    status: 400,
    title: 'A vehicle registration credential needs a valid VIN',
  },
  'credential-source-subject-invalid': {
    status: 400,
    title: 'The subject is not a valid personal number',
  },
  'credential-source-unknown-configuration': {
    status: 400,
    title: 'No such credential configuration',
  },
});

declare module '../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof walletCredentialsErrors> {}
}
