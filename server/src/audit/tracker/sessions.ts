import {
  type AccessSession,
  EMERGENCY_PURPOSE,
  groupIntoSessions,
  SESSION_GAP_MS,
  sessionKey,
} from '@civitas/contracts/log/access-sessions.ts';
import type { SessionPart } from './store.ts';

/**
 * The session a usage record belongs to: the same organisation, official, purpose, legal basis,
 * register, case and data. An emergency (break-glass) access is keyed apart from any other.
 */
export function usageSessionKey(row: SessionPart): string {
  return sessionKey(row.purpose === EMERGENCY_PURPOSE, [
    row.initiator_org,
    row.initiator_person,
    row.purpose,
    row.legal_basis,
    row.receiver,
    row.case_ref,
    row.data_categories.toSorted().join(' '),
  ]);
}

/** A person's records (newest first) as sessions, newest first. */
export function usageSessions<T extends SessionPart>(
  rows: readonly T[],
  gapMs = SESSION_GAP_MS,
): AccessSession<T>[] {
  return groupIntoSessions(rows, usageSessionKey, (row) => row.logged_at.getTime(), gapMs);
}
