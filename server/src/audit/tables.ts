import type { Generated } from 'kysely';

export interface LogEntryRow {
  idx: number;
  data: Uint8Array;
  appended_at: Generated<Date>;
}
export interface LogTileRow {
  level: number;
  idx: number;
  hashes: Uint8Array;
}
export interface LogHeadRow {
  id: Generated<boolean>;
  size: number;
  root: Uint8Array;
  updated_at: Generated<Date>;
}
export interface CheckpointRow {
  size: number;
  root: Uint8Array;
  note: string;
  created_at: Generated<Date>;
}
export interface CosignatureRow {
  size: number;
  witness: string;
  signature_line: string;
  created_at: Generated<Date>;
}
export interface AuditKeyRow {
  role: 'log' | 'witness';
  name: string;
  /** Null: the private key lives in the key store (`CIVITAS_KEY_DIR`), never here. */
  skey: string | null;
  vkey: string;
  created_at: Generated<Date>;
}
export interface WitnessStateRow {
  origin: string;
  size: number;
  root: Uint8Array;
  updated_at: Generated<Date>;
}
export interface FeedCursorRow {
  source: string;
  position: number;
}
export interface UsageRow {
  id: string;
  log_index: number;
  logged_at: Date;
  data_subject: string;
  initiator_org: string;
  initiator_person: string | null;
  receiver: string;
  action: string;
  purpose: string;
  legal_basis: string;
  case_ref: string | null;
  data_categories: string[];
  query_id: string;
  nonce: string;
  hidden_until: Date | null;
  hidden_reason: string | null;
  hidden_by: string | null;
}
export interface HiddenCaseRow {
  /** The organisation (exchange client) whose accesses are hidden. */
  initiator_org: string;
  case_ref: string;
  /** The legal basis (code) that allows hiding; only accesses on it are hidden. */
  legal_basis: string;
  hidden_until: Date;
  reason: string;
  hidden_by: string;
  created_at: Generated<Date>;
}

/** An access recorded by the context that served it (see access-outbox.ts), waiting for the feed. */
export interface AccessOutboxRow {
  seq: Generated<number>;
  id: string;
  at: Date;
  /** Where the data was served (the serving system's subsystem id). */
  node: string;
  data_subject: string;
  initiator_org: string;
  initiator_person: string | null;
  /** The service id that served the data. */
  receiver: string;
  action: string;
  purpose: string;
  legal_basis: string;
  data_categories: string[];
  status: number;
}

export interface AuditTables {
  'audit.log_entries': LogEntryRow;
  'audit.log_tiles': LogTileRow;
  'audit.log_head': LogHeadRow;
  'audit.checkpoints': CheckpointRow;
  'audit.cosignatures': CosignatureRow;
  'audit.keys': AuditKeyRow;
  'audit.witness_state': WitnessStateRow;
  'audit.feed_cursors': FeedCursorRow;
  'audit.usage': UsageRow;
  'audit.hidden_cases': HiddenCaseRow;
  'audit.access_outbox': AccessOutboxRow;
}
