import { createContext, useContext } from 'react';
import type { AccessRestriction } from './health-api.ts';

/** The shown patient's restrictions, for the "hide" buttons beside documents and conditions. */
export interface RestrictionsState {
  patientId: string;
  /** null while loading, or when they could not be read. */
  list: AccessRestriction[] | null;
  reload: () => void;
}

export const RestrictionsContext = createContext<RestrictionsState | null>(null);

export function useRestrictions(): RestrictionsState {
  const state = useContext(RestrictionsContext);
  if (!state) throw new Error('useRestrictions outside a health record');
  return state;
}
