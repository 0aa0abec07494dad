import { describe, expect, it } from 'vitest';
import { authorizationParameters, authorizationUrl } from './authorization-url.ts';
import { endSessionUrl } from './end-session-url.ts';
import { oidcSettings } from './oidc-settings.ts';

const settings = oidcSettings('https://civitas.example');
const server = {
  issuer: 'https://civitas.example/oidc',
  authorization_endpoint: 'https://civitas.example/oidc/auth',
};

describe('oidcSettings', () => {
  it('derives issuer and redirect URIs from the app’s own origin', () => {
    expect(settings.issuer.href).toBe('https://civitas.example/oidc');
    expect(settings.redirectUri).toBe('https://civitas.example/callback');
    expect(settings.postLogoutRedirectUri).toBe('https://civitas.example/');
    expect(settings.client).toEqual({ client_id: 'civitas-web', token_endpoint_auth_method: 'none' });
    expect(settings.allowHttp).toBe(false);
    expect(oidcSettings('http://localhost:3000').allowHttp).toBe(true);
  });
});

describe('the authorization request', () => {
  const pending = { state: 'the-state', nonce: 'the-nonce', codeVerifier: 'never-sent', dpopKeyId: 'key-1' };

  it('pushes a request for an authorization code with PKCE S256, state and nonce (never the verifier)', () => {
    const parameters = authorizationParameters(settings, pending, 'the-challenge', 'bg');
    expect(Object.fromEntries(parameters)).toEqual({
      client_id: 'civitas-web',
      redirect_uri: 'https://civitas.example/callback',
      response_type: 'code',
      scope: 'openid profile fhirUser launch/patient patient/*.rs user/*.cruds',
      code_challenge: 'the-challenge',
      code_challenge_method: 'S256',
      state: 'the-state',
      nonce: 'the-nonce',
      ui_locales: 'bg',
    });
  });

  it('sends the browser to the authorization endpoint with the pushed request’s handle only', () => {
    const url = authorizationUrl(server, 'urn:ietf:params:oauth:request_uri:abc');
    expect(url.origin + url.pathname).toBe('https://civitas.example/oidc/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'civitas-web',
      request_uri: 'urn:ietf:params:oauth:request_uri:abc',
    });
  });
});

describe('endSessionUrl', () => {
  const session = {
    accessToken: 'at',
    expiresAt: 0,
    idToken: 'the-id-token',
    endSessionEndpoint: 'https://civitas.example/oidc/session/end',
    dpopKeyId: 'key-1',
  };

  it('ends the eID session and comes back to the start page', () => {
    const url = endSessionUrl(session, settings.postLogoutRedirectUri);
    expect(Object.fromEntries(url?.searchParams ?? [])).toEqual({
      client_id: 'civitas-web',
      post_logout_redirect_uri: 'https://civitas.example/',
      id_token_hint: 'the-id-token',
    });
  });

  it('is not attempted when the eID node has no end_session_endpoint', () => {
    expect(
      endSessionUrl({ ...session, endSessionEndpoint: null }, settings.postLogoutRedirectUri),
    ).toBeNull();
  });
});
