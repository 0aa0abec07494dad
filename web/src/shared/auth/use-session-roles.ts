import { useMemo } from 'react';
import { sessionRoles } from './session-roles.ts';
import { useSessionStatus } from './session-store.ts';

/** The signed-in person's roles (none when signed out), for choosing which screens to offer. */
export function useSessionRoles(): readonly string[] {
  const status = useSessionStatus();
  const idToken = status.kind === 'active' ? status.session.idToken : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the roles change only with the ID token.
  return useMemo(() => (status.kind === 'active' ? sessionRoles(status.session) : []), [idToken]);
}
