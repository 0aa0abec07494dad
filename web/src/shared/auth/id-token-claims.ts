import type { AuthSession } from './session.ts';

/**
 * The claims of the session's ID token, which was validated when the person signed in. Read
 * locally, so that knowing who is signed in (and in which roles) costs no request to the
 * registers, which would itself be an access to the person's data. Null when unreadable.
 */
export function idTokenClaims(session: AuthSession): Record<string, unknown> | null {
  const payload = session.idToken?.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(json, (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
