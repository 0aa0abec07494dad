import { describe, expect, it } from 'vitest';
import {
  type AuthSession,
  msUntilExpiry,
  parseStoredSession,
  sessionFromTokenResponse,
  sessionStatus,
} from './session.ts';

const now = 1_700_000_000_000;

describe('sessionFromTokenResponse', () => {
  it('computes the expiry from expires_in and keeps what sign-out needs', () => {
    const session = sessionFromTokenResponse(
      { access_token: 'at', token_type: 'dpop', expires_in: 600, id_token: 'idt' },
      now,
      'https://civitas.example/oidc/session/end',
      'key-1',
    );
    expect(session).toEqual({
      accessToken: 'at',
      expiresAt: now + 600_000,
      idToken: 'idt',
      endSessionEndpoint: 'https://civitas.example/oidc/session/end',
      dpopKeyId: 'key-1',
    });
  });

  it('assumes a short life when the provider gives no expires_in', () => {
    const session = sessionFromTokenResponse(
      { access_token: 'at', token_type: 'dpop' },
      now,
      undefined,
      'key-1',
    );
    expect(session.expiresAt).toBe(now + 300_000);
    expect(session.endSessionEndpoint).toBeNull();
  });
});

describe('sessionStatus', () => {
  const session: AuthSession = {
    accessToken: 'at',
    expiresAt: now + 60_000,
    idToken: null,
    endSessionEndpoint: null,
    dpopKeyId: 'key-1',
  };

  it('is active before expiry and signed-out without a session', () => {
    expect(sessionStatus(session, now)).toEqual({ kind: 'active', session });
    expect(sessionStatus(null, now)).toEqual({ kind: 'signed-out' });
  });

  it('expires slightly early, so no request leaves with a token about to lapse', () => {
    expect(sessionStatus(session, now + 55_000).kind).toBe('expired');
    expect(msUntilExpiry(session, now)).toBe(50_000);
  });
});

describe('parseStoredSession', () => {
  it('round-trips a stored session', () => {
    const session: AuthSession = {
      accessToken: 'at',
      expiresAt: now,
      idToken: 'idt',
      endSessionEndpoint: null,
      dpopKeyId: 'key-1',
    };
    expect(parseStoredSession(JSON.stringify(session))).toEqual(session);
  });

  it('treats missing, corrupt or incomplete storage as no session', () => {
    expect(parseStoredSession(null)).toBeNull();
    expect(parseStoredSession('{not json')).toBeNull();
    expect(parseStoredSession('{"accessToken":"at"}')).toBeNull();
    expect(parseStoredSession('{"accessToken":"","expiresAt":1}')).toBeNull();
  });
});
