import { type CodesOf, defineErrors } from '../kernel/index.ts';

/** The error codes of the registers' answers: identifiers that are not valid, a person not in the population register. */
export const registerErrors = defineErrors({
  'invalid-personal-number': { status: 400, title: 'The personal number (EGN) is not valid' },
  'invalid-vin': { status: 400, title: 'The VIN is not valid' },
  'invalid-plate': { status: 400, title: 'The registration plate is not valid' },
  'person-not-found': { status: 404, title: 'No such person in the population register' },
  'invalid-owner-id': {
    status: 400,
    title: 'The owner is neither a valid personal number (EGN) nor a valid EIK',
  },
});

declare module '../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof registerErrors> {}
}
