import { type CodesOf, defineErrors } from '../../../kernel/index.ts';

/** The error codes of the wallet's status (each has a row in docs/errors.md and a text in every locale). */
export const walletStatusErrors = defineErrors({
  'status-list-not-found': { status: 404, title: 'No such status list' },
});

declare module '../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof walletStatusErrors> {}
}
