import { type CodesOf, defineErrors } from '../../../kernel/index.ts';

/** The error codes of the wallet's verifier (each has a row in docs/errors.md and a text in every locale). */
export const walletVerifierErrors = defineErrors({});

declare module '../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof walletVerifierErrors> {}
}
