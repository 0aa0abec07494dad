import { idTokenClaims } from './id-token-claims.ts';
import type { AuthSession } from './session.ts';

/** The signed-in person's identifier (the eID node's `sub`: the personal number), from the ID token. */
export function sessionSubject(session: AuthSession): string | null {
  const sub = idTokenClaims(session)?.sub;
  return typeof sub === 'string' && sub !== '' ? sub : null;
}
