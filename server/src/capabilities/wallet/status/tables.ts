import type { Generated } from 'kysely';

export type ListFormat = 'dc+sd-jwt' | 'mso_mdoc';

/** A token status list: `size` entries of 2 bits; `version` moves on every change (the cache's key). */
export interface StatusListRow {
  id: string;
  format: ListFormat;
  size: number;
  closed: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** 0 valid, 1 revoked (invalid), 2 suspended — the IETF Token Status List values. */
export type EntryStatus = 0 | 1 | 2;

/** One issued copy's place in a list. */
export interface StatusEntryRow {
  list_id: string;
  idx: number;
  credential_id: string;
  /** The holder's personal number (the lost-phone report and a death revoke by it). */
  subject: string;
  configuration: string | null;
  status: EntryStatus;
  /** Why it changed last: `issued`, `holder-report`, a register change's kind, `expired`. */
  reason: string;
  issued_at: Date;
  expires_at: Date | null;
  changed_at: Date;
}

/** The register records a copy was made from (its sources): a change to one revokes the copy. */
export interface StatusSourceRow {
  list_id: string;
  idx: number;
  register: string;
  key: string;
}

/** How far the revocation worker has read the registers' change outbox. */
export interface StatusCursorRow {
  name: string;
  position: string;
}

export interface StatusTables {
  'wallet.status_lists': StatusListRow;
  'wallet.status_entries': StatusEntryRow;
  'wallet.status_sources': StatusSourceRow;
  'wallet.status_cursors': StatusCursorRow;
}
