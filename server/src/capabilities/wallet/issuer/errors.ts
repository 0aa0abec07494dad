import { type CodesOf, defineErrors } from '../../../kernel/index.ts';

/** The error codes of the wallet's issuer (each has a row in docs/errors.md and a text in every locale). */
export const walletIssuerErrors = defineErrors({});

declare module '../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof walletIssuerErrors> {}
}
