import { idTokenClaims } from './id-token-claims.ts';
import type { AuthSession } from './session.ts';

/**
 * The roles the eID node named in the ID token (`roles`). They only choose which screens the app
 * offers: the API checks the roles in the access token on every request.
 */
export function sessionRoles(session: AuthSession): string[] {
  const roles = idTokenClaims(session)?.roles;
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
}
