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
});

declare module '../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof identityErrors> {}
}
