import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { classifySignInFailure, SignInError } from './sign-in-failure.ts';

const server: oauth.AuthorizationServer = {
  issuer: 'https://civitas.example/oidc',
  authorization_endpoint: 'https://civitas.example/oidc/auth',
};
const client: oauth.Client = { client_id: 'civitas-web' };

/** Runs the real oauth4webapi check on a callback URL and returns what it threw. */
function failureOf(query: string, expectedState = 'state-1') {
  try {
    oauth.validateAuthResponse(
      server,
      client,
      new URL(`https://civitas.example/callback?${query}`),
      expectedState,
    );
  } catch (error) {
    return classifySignInFailure(error);
  }
  throw new Error('expected validateAuthResponse to throw');
}

describe('classifySignInFailure', () => {
  it('reports a refused sign-in with the eID node’s explanation', () => {
    expect(failureOf('error=access_denied&error_description=The+user+cancelled&state=state-1')).toEqual({
      reason: 'denied',
      description: 'The user cancelled',
    });
  });

  it('reports other eID node errors as a provider problem', () => {
    expect(failureOf('error=server_error&state=state-1')).toEqual({ reason: 'provider', description: null });
  });

  it('does not trust a callback whose state is not ours, whatever it says', () => {
    expect(failureOf('error=access_denied&error_description=Call+this+number&state=forged')).toEqual({
      reason: 'invalid',
      description: null,
    });
  });

  it('treats a failed fetch as a network problem', () => {
    expect(classifySignInFailure(new TypeError('Failed to fetch'))).toEqual({
      reason: 'network',
      description: null,
    });
  });

  it('keeps the reason of our own checks', () => {
    expect(classifySignInFailure(new SignInError('stale'))).toEqual({ reason: 'stale', description: null });
  });
});
