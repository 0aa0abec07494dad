import type { Migration } from 'kysely/migration';
import { sqlMigration } from '../../../db/index.ts';

/** The wallet's token status lists (names 0631-…). */
export const statusMigrations: Record<string, Migration> = {
  '0631-wallet-status': sqlMigration(
    [
      `CREATE TABLE wallet.status_lists (
        id text PRIMARY KEY,
        format text NOT NULL CHECK (format IN ('dc+sd-jwt', 'mso_mdoc')),
        size integer NOT NULL CHECK (size > 0 AND size % 4 = 0),
        closed boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX status_lists_open_idx ON wallet.status_lists (format, created_at) WHERE NOT closed',
      `CREATE TABLE wallet.status_entries (
        list_id text NOT NULL REFERENCES wallet.status_lists,
        idx integer NOT NULL,
        credential_id text NOT NULL UNIQUE,
        subject text NOT NULL,
        configuration text,
        status smallint NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),
        reason text NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (list_id, idx)
      )`,
      'CREATE INDEX status_entries_subject_idx ON wallet.status_entries (subject)',
      'CREATE INDEX status_entries_expiry_idx ON wallet.status_entries (expires_at) WHERE status <> 1',
      `CREATE TABLE wallet.status_sources (
        list_id text NOT NULL,
        idx integer NOT NULL,
        register text NOT NULL,
        key text NOT NULL,
        PRIMARY KEY (list_id, idx, register, key),
        FOREIGN KEY (list_id, idx) REFERENCES wallet.status_entries
      )`,
      'CREATE INDEX status_sources_record_idx ON wallet.status_sources (register, key)',
      `CREATE TABLE wallet.status_cursors (
        name text PRIMARY KEY,
        position bigint NOT NULL
      )`,
    ],
    [
      'DROP TABLE wallet.status_sources',
      'DROP TABLE wallet.status_entries',
      'DROP TABLE wallet.status_lists',
      'DROP TABLE wallet.status_cursors',
    ],
  ),
};
