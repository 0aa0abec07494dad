import * as oauth from 'oauth4webapi';

export type SignInFailureReason = 'denied' | 'provider' | 'stale' | 'network' | 'invalid';

export interface SignInFailure {
  reason: SignInFailureReason;
  /** The eID node's own explanation (error_description), shown only after the state matched. */
  description: string | null;
}

/** Thrown by our own checks, e.g. a callback with no sign-in in progress in this tab. */
export class SignInError extends Error {
  readonly reason: SignInFailureReason;

  constructor(reason: SignInFailureReason) {
    super(`sign-in failed: ${reason}`);
    this.name = 'SignInError';
    this.reason = reason;
  }
}

/** Turns whatever went wrong during the callback into something we can explain to a person. */
export function classifySignInFailure(error: unknown): SignInFailure {
  if (error instanceof SignInError) return { reason: error.reason, description: null };
  if (error instanceof oauth.AuthorizationResponseError || error instanceof oauth.ResponseBodyError) {
    return {
      reason: error.error === 'access_denied' ? 'denied' : 'provider',
      description: error.error_description?.trim() || null,
    };
  }
  // fetch() rejects with a TypeError when the network (not the server) fails.
  if (error instanceof TypeError) return { reason: 'network', description: null };
  return { reason: 'invalid', description: null };
}
