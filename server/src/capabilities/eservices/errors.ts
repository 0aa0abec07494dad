import { type CodesOf, defineErrors } from '../../kernel/index.ts';

/** The e-services' error codes (each has a row in docs/errors.md and a text in every locale). */
export const eservicesErrors = defineErrors({
  'eservice-not-found': { status: 404, title: 'No such e-service' },
  'eservice-not-eligible': {
    status: 403,
    title: 'The registers say the applicant may not apply for this service',
  },
  'eservice-form-invalid': { status: 422, title: 'The form has errors' },
  'eservice-draft-not-found': { status: 404, title: 'No such draft' },
  'eservice-application-not-found': { status: 404, title: 'No such application' },
  'eservice-signature-mismatch': {
    status: 400,
    title: 'The signature is not over this draft as it is saved',
  },
  'eservice-already-decided': { status: 409, title: 'The application was decided or withdrawn already' },
  'eservice-four-eyes': {
    status: 409,
    title: 'A second official must approve: not the one of the first step',
  },
  'eservice-signing-unavailable': { status: 503, title: 'Signatures cannot be checked here yet' },
});

declare module '../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof eservicesErrors> {}
}
