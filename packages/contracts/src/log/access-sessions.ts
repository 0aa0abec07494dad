/**
 * Accesses grouped into sessions, the way a person reads them: a doctor opening a chart makes one
 * access per FHIR call, dozens in a few minutes, and the person wants one line for it. Accesses
 * with the same key (who, for which organisation, why, which data; an emergency is part of the
 * key) belong to one session while each follows the one before within `gapMs`. The data
 * tracker's API groups "Who used my data" with it; My health groups the record's AuditEvents.
 * Pure, and the same on the server and in the browser.
 */

/** 30 minutes: a pause longer than this between two accesses starts a new session. */
export const SESSION_GAP_MS = 30 * 60 * 1000;

export interface AccessSession<T> {
  key: string;
  /** Newest first, like every list the person reads. */
  items: T[];
  /** The first and the last access (milliseconds since the epoch). */
  first: number;
  last: number;
}

/**
 * Groups `items` into sessions, newest session first (by its last access). Items the same
 * instant keep the order they came in (taken as newest first), so the result is stable.
 */
export function groupIntoSessions<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  timeOf: (item: T) => number,
  gapMs: number = SESSION_GAP_MS,
): AccessSession<T>[] {
  // Oldest first; among equal times, the later in the input (older in a newest-first list) first.
  const ordered = items
    .map((item, position) => ({ item, position, time: timeOf(item) }))
    .sort((a, b) => a.time - b.time || b.position - a.position);
  const open = new Map<string, { session: AccessSession<T>; rank: number }>();
  const sessions: Array<{ session: AccessSession<T>; rank: number }> = [];
  ordered.forEach(({ item, time }, rank) => {
    const key = keyOf(item);
    const current = open.get(key);
    if (current && time - current.session.last <= gapMs) {
      current.session.items.push(item);
      current.session.last = time;
      current.rank = rank;
      return;
    }
    const started = { session: { key, items: [item], first: time, last: time }, rank };
    open.set(key, started);
    sessions.push(started);
  });
  return sessions
    .sort((a, b) => b.rank - a.rank)
    .map(({ session }) => ({ ...session, items: session.items.reverse() }));
}

/** The purpose of an emergency (break-glass) access to the health record. */
export const EMERGENCY_PURPOSE = 'emergency-access';

/**
 * A session key from its parts. `emergency` leads, so an emergency access never shares a session
 * with an ordinary one whatever the other parts say.
 */
export function sessionKey(emergency: boolean, parts: ReadonlyArray<string | null | undefined>): string {
  return JSON.stringify([emergency ? 'emergency' : 'ordinary', ...parts.map((part) => part ?? null)]);
}
