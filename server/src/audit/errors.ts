import { type CodesOf, defineErrors } from '../kernel/index.ts';

/** The error codes of the transparency log, its witness and the data tracker. */
export const auditErrors = defineErrors({
  'proof-out-of-range': { status: 400, title: 'The proof asks for an index or tree size outside the log' },
  'witness-malformed-request': { status: 400, title: 'The add-checkpoint request is malformed' },
  'witness-bad-signature': {
    status: 403,
    title: "The checkpoint carries no valid signature of the log's key",
  },
  'witness-unknown-log': { status: 404, title: 'The witness does not witness this log' },
  'witness-conflict': {
    status: 409,
    title: 'The checkpoint conflicts with the one the witness cosigned last',
  },
  'witness-inconsistent': { status: 422, title: 'The consistency proof does not verify' },
  'tile-not-found': { status: 404, title: 'No such tile in the log' },
  'checkpoint-not-found': { status: 404, title: 'The log has no checkpoint yet' },
  'usage-not-found': { status: 404, title: 'No such usage record' },
  'not-initiator': { status: 403, title: 'Only the organisation that made the access may do this' },
  'basis-not-hideable': {
    status: 403,
    title: 'The legal basis of the access does not allow hiding it from the person',
  },
});

declare module '../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof auditErrors> {}
}
