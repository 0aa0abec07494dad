import { type CodesOf, defineErrors } from '../../../kernel/index.ts';

/** This part's error codes (each has a row in docs/errors.md and a text in every locale). */
export const ehealthAccessErrors = defineErrors({
  'health-practitioner-unknown': {
    status: 403,
    title: 'The doctor has no practitioner record or healthcare provider in the health record',
  },
  'health-record-not-found': { status: 404, title: 'The person has no health record' },
  'break-glass-reason-invalid': {
    status: 400,
    title: 'An emergency access needs a reason of 10 to 500 characters',
  },
  'restriction-invalid': { status: 400, title: 'The access restriction is not valid' },
  'restriction-not-found': { status: 404, title: 'No such access restriction' },
});

declare module '../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof ehealthAccessErrors> {}
}
