/**
 * The secrets of a sign-in in progress, kept in sessionStorage across the redirect to the eID
 * node and back: per tab, gone when the tab closes, and removed as soon as the callback reads them.
 */
export interface PendingAuthorization {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The DPoP key (in IndexedDB) the authorization code, then the tokens, are bound to. */
  dpopKeyId: string;
}

const STORAGE_KEY = 'civitas.auth.pending';

export function savePendingAuthorization(pending: PendingAuthorization): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(pending));
}

/** Returns the pending sign-in and forgets it: an authorization code and its verifier are single-use. */
export function takePendingAuthorization(): PendingAuthorization | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  sessionStorage.removeItem(STORAGE_KEY);
  return parsePendingAuthorization(raw);
}

export function parsePendingAuthorization(raw: string | null): PendingAuthorization | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { state, nonce, codeVerifier, dpopKeyId } = value as Record<string, unknown>;
    if (
      typeof state !== 'string' ||
      typeof nonce !== 'string' ||
      typeof codeVerifier !== 'string' ||
      typeof dpopKeyId !== 'string'
    )
      return null;
    return { state, nonce, codeVerifier, dpopKeyId };
  } catch {
    return null;
  }
}
