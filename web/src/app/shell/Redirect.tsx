import { useEffect } from 'react';
import { navigate } from '../routing/router.ts';

/** Moves to another path after render (navigating during render would update the router mid-render). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
