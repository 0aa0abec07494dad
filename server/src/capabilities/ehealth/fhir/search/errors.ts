import { type CodesOf, defineErrors } from '../../../../kernel/index.ts';

/** The search engine's error codes (each has a row in docs/errors.md and a text in every locale). */
export const ehealthSearchErrors = defineErrors({
  'fhir-search-unknown-parameter': {
    status: 400,
    title: 'The search names a parameter or modifier this resource type does not support',
  },
  'fhir-search-invalid-value': { status: 400, title: 'A search parameter has a malformed value' },
  'fhir-search-scope-denied': {
    status: 403,
    title: 'The access token does not allow searching this resource type',
  },
});

declare module '../../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof ehealthSearchErrors> {}
}
