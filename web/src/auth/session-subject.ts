import type { AuthSession } from './session.ts';

/**
 * The signed-in person's identifier (the eID node's `sub`: the personal number), read from the
 * ID token that was validated at sign-in. Read locally, so that knowing who is signed in does
 * not cost a request to the registers (which would itself be an access to the person's data).
 */
export function sessionSubject(session: AuthSession): string | null {
  const payload = session.idToken?.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(json, (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const sub = (claims as { sub?: unknown } | null)?.sub;
    return typeof sub === 'string' && sub !== '' ? sub : null;
  } catch {
    return null;
  }
}
