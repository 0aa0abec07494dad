import type { Migration } from 'kysely/migration';
import type { MigrationSet } from '../db/index.ts';
import { sqlMigration } from '../db/index.ts';

/**
 * The audit context's schema: the transparency log (entries, tiles of hashes, the tree head,
 * signed checkpoints and their cosignatures), the log's and the witness's keys, the feed
 * cursors over the exchange's logs, and the data tracker's usage records.
 */
const migrations: Record<string, Migration> = {
  '0300-audit': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS audit',
      `CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the % is append-only', TG_TABLE_NAME; END $$`,
      // One row per entry, in log order; the leaf hash is in the level-0 tiles.
      `CREATE TABLE audit.log_entries (
        idx bigint PRIMARY KEY CHECK (idx >= 0),
        data bytea NOT NULL,
        appended_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TRIGGER log_entries_append_only BEFORE UPDATE OR DELETE ON audit.log_entries
        FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()`,
      `CREATE TRIGGER log_entries_no_truncate BEFORE TRUNCATE ON audit.log_entries
        FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()`,
      // C2SP tlog-tiles hash tiles: up to 256 hashes of tree level 8·level, concatenated.
      // The rightmost tile of each level grows until it is full, then never changes.
      `CREATE TABLE audit.log_tiles (
        level smallint NOT NULL CHECK (level >= 0 AND level < 64),
        idx bigint NOT NULL CHECK (idx >= 0),
        hashes bytea NOT NULL CHECK (octet_length(hashes) BETWEEN 32 AND 8192),
        PRIMARY KEY (level, idx)
      )`,
      // The tree head the sequencer last made durable: one row.
      `CREATE TABLE audit.log_head (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        size bigint NOT NULL CHECK (size >= 0),
        root bytea NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE audit.checkpoints (
        size bigint PRIMARY KEY,
        root bytea NOT NULL,
        note text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON audit.checkpoints
        FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()`,
      `CREATE TABLE audit.cosignatures (
        size bigint NOT NULL REFERENCES audit.checkpoints,
        witness text NOT NULL,
        signature_line text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (size, witness)
      )`,
      // Signed-note keys of the log and of the in-process witness (PRIVATE+KEY+… form).
      `CREATE TABLE audit.keys (
        role text PRIMARY KEY CHECK (role IN ('log', 'witness')),
        name text NOT NULL,
        skey text NOT NULL,
        vkey text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      // What a witness has cosigned last, per log origin: it never cosigns a fork.
      `CREATE TABLE audit.witness_state (
        origin text PRIMARY KEY,
        size bigint NOT NULL,
        root bytea NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      // How far the feed has read each source log; advanced in the transaction that appends.
      `CREATE TABLE audit.feed_cursors (
        source text PRIMARY KEY,
        position bigint NOT NULL
      )`,
      `CREATE TABLE audit.usage (
        id text PRIMARY KEY,
        log_index bigint NOT NULL UNIQUE,
        logged_at timestamptz NOT NULL,
        data_subject text NOT NULL,
        initiator_org text NOT NULL,
        initiator_person text,
        receiver text NOT NULL,
        action text NOT NULL,
        purpose text NOT NULL,
        legal_basis text NOT NULL,
        case_ref text,
        data_categories text[] NOT NULL,
        query_id text NOT NULL,
        nonce text NOT NULL,
        hidden_until timestamptz,
        hidden_reason text,
        hidden_by text
      )`,
      'CREATE INDEX usage_subject_idx ON audit.usage (data_subject, logged_at DESC)',
      'CREATE INDEX usage_org_idx ON audit.usage (initiator_org, logged_at DESC)',
      // Only the hiding columns of a usage record may ever change.
      `CREATE FUNCTION audit.usage_only_hiding_changes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'usage records are never deleted'; END IF;
          IF (NEW.id, NEW.log_index, NEW.logged_at, NEW.data_subject, NEW.initiator_org,
              NEW.initiator_person, NEW.receiver, NEW.action, NEW.purpose, NEW.legal_basis,
              NEW.case_ref, NEW.data_categories, NEW.query_id, NEW.nonce)
             IS DISTINCT FROM
             (OLD.id, OLD.log_index, OLD.logged_at, OLD.data_subject, OLD.initiator_org,
              OLD.initiator_person, OLD.receiver, OLD.action, OLD.purpose, OLD.legal_basis,
              OLD.case_ref, OLD.data_categories, OLD.query_id, OLD.nonce)
          THEN RAISE EXCEPTION 'only the hiding of a usage record may change'; END IF;
          RETURN NEW;
        END $$`,
      `CREATE TRIGGER usage_only_hiding BEFORE UPDATE OR DELETE ON audit.usage
        FOR EACH ROW EXECUTE FUNCTION audit.usage_only_hiding_changes()`,
      // Cases an organisation has lawfully hidden: their usage stays out of the citizen's view
      // until the date, including usage recorded after the case was hidden.
      `CREATE TABLE audit.hidden_cases (
        initiator_org text NOT NULL,
        case_ref text NOT NULL,
        hidden_until timestamptz NOT NULL,
        reason text NOT NULL,
        hidden_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (initiator_org, case_ref)
      )`,
    ],
    ['DROP SCHEMA audit CASCADE'],
  ),
  // A hidden case belongs to the organisation (exchange client) that made the accesses and to
  // the legal basis that allows hiding them: only that organisation's accesses on that basis
  // under the case reference are hidden. Cases hidden before were stored for the whole portal
  // and without a basis; they keep hiding what they already hid and hide nothing new.
  '0520-audit-hidden-cases-bound': sqlMigration(
    [
      "ALTER TABLE audit.hidden_cases ADD COLUMN legal_basis text NOT NULL DEFAULT 'unspecified'",
      'ALTER TABLE audit.hidden_cases ALTER COLUMN legal_basis DROP DEFAULT',
      'ALTER TABLE audit.hidden_cases DROP CONSTRAINT hidden_cases_pkey',
      'ALTER TABLE audit.hidden_cases ADD PRIMARY KEY (initiator_org, case_ref, legal_basis)',
    ],
    [
      'ALTER TABLE audit.hidden_cases DROP CONSTRAINT hidden_cases_pkey',
      'ALTER TABLE audit.hidden_cases DROP COLUMN legal_basis',
      'ALTER TABLE audit.hidden_cases ADD PRIMARY KEY (initiator_org, case_ref)',
    ],
  ),
  // The private keys move to the key store (CIVITAS_KEY_DIR): the row keeps the public key, and
  // the private one is erased by the first start that has written it to its file.
  '0550-audit-private-keys-out-of-database': sqlMigration(
    [
      'ALTER TABLE audit.keys ALTER COLUMN skey DROP NOT NULL',
      "COMMENT ON COLUMN audit.keys.skey IS 'empty: private keys live in the key store (CIVITAS_KEY_DIR)'",
    ],
    ['COMMENT ON COLUMN audit.keys.skey IS NULL'],
  ),
  // The accesses other contexts record themselves (the health record's FHIR API): each becomes an
  // access entry in the log and a usage record, fed in order like the exchange's message log.
  '0736-audit-access-outbox': sqlMigration(
    [
      `CREATE TABLE audit.access_outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        at timestamptz NOT NULL,
        node text NOT NULL,
        data_subject text NOT NULL,
        initiator_org text NOT NULL,
        initiator_person text,
        receiver text NOT NULL,
        action text NOT NULL,
        purpose text NOT NULL,
        legal_basis text NOT NULL,
        data_categories text[] NOT NULL,
        status integer NOT NULL
      )`,
    ],
    ['DROP TABLE audit.access_outbox'],
  ),
};

export const auditMigrations: MigrationSet = { context: 'audit', migrations };
