import { type CodesOf, defineErrors } from '../../../kernel/index.ts';

/** This part's error codes (each has a row in docs/errors.md and a text in every locale). */
export const ehealthFhirErrors = defineErrors({});

declare module '../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof ehealthFhirErrors> {}
}
