import { type CodesOf, defineErrors } from '../kernel/index.ts';

/** The error codes of a state register reached through the exchange. */
export const exchangeErrors = defineErrors({
  'not-found': { status: 404, title: 'The register holds no such record' },
  'register-unavailable': { status: 503, title: 'A state register did not answer' },
});

declare module '../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof exchangeErrors> {}
}
