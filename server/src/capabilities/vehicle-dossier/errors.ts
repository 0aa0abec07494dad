import { type CodesOf, defineErrors } from '../../kernel/index.ts';

/** The error codes of vehicle history reports. */
export const vehicleDossierErrors = defineErrors({
  'vehicle-not-found': { status: 404, title: 'No such vehicle' },
  'report-not-found': { status: 404, title: 'No such vehicle report' },
});

declare module '../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof vehicleDossierErrors> {}
}
