import type * as oauth from 'oauth4webapi';

/** What the app keeps after sign-in (in localStorage, for every tab: see session-store.ts). */
export interface AuthSession {
  accessToken: string;
  /** Epoch milliseconds after which the access token must not be used. */
  expiresAt: number;
  /** Sent back as id_token_hint when signing out, so the eID node knows whose session to end. */
  idToken: string | null;
  /** Remembered at sign-in so signing out needs no discovery request. */
  endSessionEndpoint: string | null;
  /** The stored DPoP key the access token is bound to (see dpop-key.ts); null: none, sign in again. */
  dpopKeyId: string | null;
}

export type SessionStatus =
  | { kind: 'signed-out' }
  | { kind: 'expired' }
  | { kind: 'active'; session: AuthSession };

// Stop using a token a little before it expires, so a request in flight does not outlive it.
const EXPIRY_MARGIN_MS = 10_000;
// oidc-provider always sends expires_in; if a provider did not, assume a short life rather than forever.
const DEFAULT_LIFETIME_SECONDS = 300;

export function sessionFromTokenResponse(
  response: oauth.TokenEndpointResponse,
  now: number,
  endSessionEndpoint: string | undefined,
  dpopKeyId: string | null,
): AuthSession {
  return {
    accessToken: response.access_token,
    expiresAt: now + (response.expires_in ?? DEFAULT_LIFETIME_SECONDS) * 1000,
    idToken: response.id_token ?? null,
    endSessionEndpoint: endSessionEndpoint ?? null,
    dpopKeyId,
  };
}

export function sessionStatus(session: AuthSession | null, now: number): SessionStatus {
  if (!session) return { kind: 'signed-out' };
  if (now >= session.expiresAt - EXPIRY_MARGIN_MS) return { kind: 'expired' };
  return { kind: 'active', session };
}

/** Milliseconds until `sessionStatus` will report the session as expired. */
export function msUntilExpiry(session: AuthSession, now: number): number {
  return Math.max(0, session.expiresAt - EXPIRY_MARGIN_MS - now);
}

export function parseStoredSession(raw: string | null): AuthSession | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { accessToken, expiresAt, idToken, endSessionEndpoint, dpopKeyId } = value as Record<
      string,
      unknown
    >;
    if (typeof accessToken !== 'string' || accessToken === '' || typeof expiresAt !== 'number') return null;
    return {
      accessToken,
      expiresAt,
      idToken: typeof idToken === 'string' ? idToken : null,
      endSessionEndpoint: typeof endSessionEndpoint === 'string' ? endSessionEndpoint : null,
      dpopKeyId: typeof dpopKeyId === 'string' ? dpopKeyId : null,
    };
  } catch {
    return null;
  }
}
