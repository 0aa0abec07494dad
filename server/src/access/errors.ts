import { type CodesOf, defineErrors } from '../kernel/index.ts';

/** The error codes of the purpose and legal basis of an access to personal data. */
export const accessErrors = defineErrors({
  'purpose-required': {
    status: 400,
    title: 'A purpose and a legal basis are required for access to personal data',
  },
  'purpose-not-allowed': { status: 403, title: 'The purpose or legal basis is not granted for this data' },
});

declare module '../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof accessErrors> {}
}
