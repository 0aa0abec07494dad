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
  'licence-not-found': { status: 404, title: 'No such driving licence in the register' },
  'licence-not-valid': { status: 409, title: 'Only a valid driving licence can be suspended' },
  'licence-not-suspended': { status: 409, title: 'The driving licence is not suspended' },
  'person-already-deceased': { status: 409, title: 'The person is already recorded as deceased' },
  'death-date-invalid': { status: 400, title: 'The date of death is in the future or before the birth' },
  'vehicle-record-not-found': { status: 404, title: 'No such vehicle in the register' },
  'vehicle-not-registered': { status: 409, title: 'The vehicle is deregistered or scrapped' },
  'vehicle-owner-unchanged': { status: 409, title: 'The vehicle is already registered to this owner' },
  'new-owner-not-found': {
    status: 404,
    title: 'The new owner is not a living person in the population register',
  },
  'event-date-invalid': { status: 400, title: 'The date is in the future or before the last registration' },
  'invalid-eik': { status: 400, title: 'The company number (EIK) is not valid' },
  'write-request-invalid': { status: 400, title: "The request does not match the write service's contract" },
  'write-purpose-not-allowed': {
    status: 403,
    title: "A register is changed only for the write service's own purpose and legal basis",
  },
  'write-subject-mismatch': {
    status: 400,
    title: 'The data subject named on the request is not a person the change is about',
  },
  'settlement-not-found': { status: 404, title: 'No such settlement in the municipality' },
  'address-unchanged': { status: 409, title: 'This is already the person’s current address' },
  'person-deceased': { status: 409, title: 'The person is recorded as deceased' },
  'vehicle-not-owned-by-seller': { status: 409, title: 'The seller is not the vehicle’s current owner' },
});

declare module '../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof registerErrors> {}
}
