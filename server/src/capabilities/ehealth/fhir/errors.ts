import { type CodesOf, defineErrors } from '../../../kernel/index.ts';

/**
 * The FHIR API's error codes (each has a row in docs/errors.md and a text in every locale). Under
 * `/fhir` every error, these and the platform's own (`malformed-body`, `not-acceptable`, …), is
 * answered as an OperationOutcome carrying the code (see outcome.ts).
 */
export const ehealthFhirErrors = defineErrors({
  'fhir-resource-invalid': { status: 400, title: 'The resource is not a valid FHIR resource' },
  'fhir-type-mismatch': { status: 400, title: "The resource's type is not the one in the URL" },
  'fhir-id-mismatch': { status: 400, title: "The resource's id is not the one in the URL" },
  'fhir-id-invalid': { status: 400, title: 'The id is not a valid FHIR id' },
  'fhir-bundle-invalid': { status: 400, title: 'The Bundle cannot be processed' },
  'fhir-scope-insufficient': { status: 403, title: 'The granted scopes do not cover this request' },
  'fhir-write-forbidden': { status: 403, title: 'You may not write into this record' },
  'fhir-type-unknown': { status: 404, title: 'This server holds no resources of this type' },
  'fhir-resource-not-found': { status: 404, title: 'No such resource' },
  'fhir-operation-unknown': { status: 404, title: 'No such operation' },
  'fhir-version-conflict': { status: 409, title: 'The resource was changed by someone else' },
  'fhir-patient-exists': { status: 409, title: 'A Patient with this personal number exists already' },
  'fhir-resource-deleted': { status: 410, title: 'The resource has been deleted' },
  'fhir-precondition-failed': { status: 412, title: 'The version given in If-Match is not the current one' },
  'fhir-conditional-ambiguous': { status: 412, title: 'The condition matches more than one resource' },
  'fhir-bundle-too-large': { status: 413, title: 'The Bundle has too many entries' },
  'fhir-resource-unprocessable': { status: 422, title: 'The resource does not pass validation' },
});

declare module '../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof ehealthFhirErrors> {}
}
