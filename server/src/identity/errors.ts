import { type CodesOf, defineErrors } from '../kernel/index.ts';

/** The error codes of who is calling: access tokens, their DPoP proofs, demo sign-in. */
export const identityErrors = defineErrors({
  'token-missing': { status: 401, title: 'Authentication is required' },
  'token-invalid': { status: 401, title: 'The access token is not valid' },
  'token-expired': { status: 401, title: 'The access token has expired' },
  'dpop-proof-invalid': {
    status: 401,
    title: 'The DPoP proof is missing or does not fit the request, the token or its key',
  },
  'demo-disabled': { status: 403, title: 'Demo features are disabled in production' },
  'passkey-not-found': { status: 404, title: 'There is no such passkey' },
  'passkey-challenge-invalid': {
    status: 400,
    title: 'The passkey challenge is unknown, used already, expired or not yours',
  },
  'passkey-verification-failed': { status: 400, title: 'The passkey’s answer could not be verified' },
  'passkey-not-recognised': { status: 401, title: 'This passkey is not registered with the eID' },
  'passkey-counter-regressed': {
    status: 401,
    title: 'The passkey’s signature counter went back: it may have been copied',
  },
  'passkey-needs-eid-sign-in': {
    status: 403,
    title: 'A passkey can be registered only after signing in with the eID PIN',
  },
  'passkey-level-too-low': {
    status: 403,
    title: 'The service asks for a higher level of assurance than this passkey gives',
  },
  'passkey-already-registered': { status: 409, title: 'This passkey is registered already' },
  'passkey-limit-reached': { status: 409, title: 'No more passkeys can be registered' },
  'passkey-sign-in-expired': { status: 400, title: 'The sign-in has expired: start again' },
});

declare module '../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof identityErrors> {}
}
