/**
 * The record's accesses as the patient reads them, grouped: a doctor opening a chart makes one
 * AuditEvent per FHIR call, dozens in a few minutes, and the patient wants one line for it. The
 * same doctor, organisation, purpose and role, each access within 30 minutes of the one before,
 * make one session (`@civitas/contracts/log/access-sessions.ts`, as "Who used my data" groups);
 * an emergency (break-glass) access never shares a session with an ordinary one. Pure.
 */
import { groupIntoSessions, sessionKey } from '@civitas/contracts/log/access-sessions.ts';
import type { AccessAction, RecordAccess } from './accesses.ts';

export interface AccessSession {
  /** The oldest access's id: stable while the session grows. */
  id: string;
  who: string | null;
  organisation: string | null;
  role: RecordAccess['role'];
  purpose: string | null;
  emergency: boolean;
  first: string;
  last: string;
  /** What was done and to which resource types, over the whole session. */
  actions: AccessAction[];
  resourceTypes: string[];
  /** Newest first. */
  accesses: RecordAccess[];
}

function keyOf(access: RecordAccess): string {
  return sessionKey(access.emergency, [access.who, access.organisation, access.role, access.purpose]);
}

/** Others' accesses (the patient's own reads left out) as sessions, newest first. */
export function accessSessions(accesses: readonly RecordAccess[]): AccessSession[] {
  const others = accesses.filter((access) => !access.byPatient);
  return groupIntoSessions(others, keyOf, (access) => Date.parse(access.when)).map(({ items }) => {
    const newest = items[0]!;
    const oldest = items.at(-1)!;
    return {
      id: oldest.id,
      who: newest.who,
      organisation: newest.organisation,
      role: newest.role,
      purpose: newest.purpose,
      emergency: newest.emergency,
      first: oldest.when,
      last: newest.when,
      actions: [...new Set(items.map((access) => access.action))],
      resourceTypes: [...new Set(items.flatMap((access) => access.resourceTypes))],
      accesses: items,
    };
  });
}
