import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { MigrationSet } from '../db/index.ts';
import { execStatements, sqlMigration } from '../db/index.ts';
import type { PurposePair } from '../kernel/index.ts';
import { defaultRights } from './registry/default-rights.ts';

/**
 * The exchange's own schema: the central registry (members, subsystems, nodes, services,
 * groups, certificates), each node's access rights, and two append-only logs (the message log also backs the
 * replay guard after a restart).
 */
const migrations: Record<string, Migration> = {
  '0200-exchange': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS exchange',
      `CREATE FUNCTION exchange.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the % is append-only', TG_TABLE_NAME; END $$`,
      `CREATE TABLE exchange.members (
        member_id text PRIMARY KEY,
        member_class text NOT NULL,
        member_code text NOT NULL,
        name text NOT NULL
      )`,
      `CREATE TABLE exchange.subsystems (
        subsystem_id text PRIMARY KEY,
        member_id text NOT NULL REFERENCES exchange.members,
        code text NOT NULL,
        name text NOT NULL
      )`,
      `CREATE TABLE exchange.nodes (
        node_id text PRIMARY KEY,
        address text NOT NULL,
        members text[] NOT NULL
      )`,
      `CREATE TABLE exchange.services (
        service_id text PRIMARY KEY,
        subsystem_id text NOT NULL REFERENCES exchange.subsystems,
        name text NOT NULL,
        description text NOT NULL
      )`,
      `CREATE TABLE exchange.global_groups (
        code text PRIMARY KEY,
        description text NOT NULL,
        members text[] NOT NULL
      )`,
      `CREATE TABLE exchange.certificates (
        serial text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('ca', 'registry', 'tls', 'signing')),
        owner text NOT NULL,
        certificate_pem text NOT NULL,
        private_key_pem text,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE exchange.access_rights (
        id text PRIMARY KEY,
        client text NOT NULL,
        service_id text NOT NULL,
        endpoint text,
        purposes text[] NOT NULL,
        legal_bases text[] NOT NULL,
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX access_rights_service_idx ON exchange.access_rights (service_id)',
      `CREATE TABLE exchange.message_log (
        seq bigserial PRIMARY KEY,
        node_id text NOT NULL,
        side text NOT NULL CHECK (side IN ('consumer', 'provider')),
        message_id text NOT NULL,
        client text,
        service text,
        method text,
        path text,
        user_id text,
        purpose text,
        legal_basis text,
        case_ref text,
        data_subject text,
        request_hash text,
        response_hash text,
        request_signature text,
        response_signature text,
        status integer NOT NULL,
        error_type text,
        request_bytes integer NOT NULL,
        response_bytes integer NOT NULL,
        started_at timestamptz NOT NULL,
        duration_ms double precision NOT NULL,
        request_body text,
        response_body text
      )`,
      'CREATE INDEX message_log_service_idx ON exchange.message_log (service, started_at)',
      'CREATE INDEX message_log_subject_idx ON exchange.message_log (data_subject)',
      `CREATE TRIGGER message_log_append_only BEFORE UPDATE OR DELETE ON exchange.message_log
        FOR EACH ROW EXECUTE FUNCTION exchange.refuse_change()`,
      `CREATE TRIGGER message_log_no_truncate BEFORE TRUNCATE ON exchange.message_log
        FOR EACH STATEMENT EXECUTE FUNCTION exchange.refuse_change()`,
      `CREATE TABLE exchange.admin_log (
        seq bigserial PRIMARY KEY,
        actor text NOT NULL,
        action text NOT NULL,
        subject text NOT NULL,
        details text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TRIGGER admin_log_append_only BEFORE UPDATE OR DELETE ON exchange.admin_log
        FOR EACH ROW EXECUTE FUNCTION exchange.refuse_change()`,
    ],
    ['DROP SCHEMA exchange CASCADE'],
  ),
  // Every change to the registry's members, subsystems, nodes, groups and certificates lands in
  // the admin log (and from there in the transparency log), however it was made: by the
  // registry's code or by hand in SQL. Private keys never leave their table.
  '0210-exchange-registry-audit': sqlMigration(
    [
      `CREATE FUNCTION exchange.audit_registry_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          row_data jsonb;
          subject text;
        BEGIN
          row_data := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) - 'private_key_pem';
          subject := coalesce(row_data->>'member_id', row_data->>'subsystem_id', row_data->>'node_id',
            row_data->>'code', row_data->>'serial', '?');
          INSERT INTO exchange.admin_log (actor, action, subject, details)
          VALUES (coalesce(nullif(current_setting('civitas.actor', true), ''), 'database:' || current_user),
            'registry.' || TG_TABLE_NAME || '.' || lower(TG_OP), subject, row_data::text);
          RETURN NULL;
        END $$`,
      ...['members', 'subsystems', 'nodes', 'global_groups', 'certificates'].map(
        (table) => `CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON exchange.${table}
          FOR EACH ROW EXECUTE FUNCTION exchange.audit_registry_change()`,
      ),
    ],
    [
      ...['members', 'subsystems', 'nodes', 'global_groups', 'certificates'].map(
        (table) => `DROP TRIGGER ${table}_audit ON exchange.${table}`,
      ),
      'DROP FUNCTION exchange.audit_registry_change()',
    ],
  ),
  // A message-log row (both signatures, metadata) is about 2.8 kB: over PostgreSQL's default
  // 2 kB toast target, so every insert tried to compress the signatures (which do not compress)
  // and moved them to the TOAST table, an extra row and index entry per message. Rows up to a
  // page stay inline now.
  '0220-exchange-message-log-inline': sqlMigration(
    ['ALTER TABLE exchange.message_log SET (toast_tuple_target = 8160)'],
    ['ALTER TABLE exchange.message_log RESET (toast_tuple_target)'],
  ),
  // Access rights grant purpose–basis pairs instead of two separate lists (any listed purpose
  // passed with any listed basis). Purposes and bases become the catalogue's codes. The rights
  // the first start granted the portal become the portal's default pairs; any other right keeps
  // exactly what it allowed (every combination of its purposes and bases). Each conversion is
  // written to the admin log, like any other change of a right.
  // Issue 18: the party a request was made for (`X-Road-Represented-Party`), on its message.
  '0832-exchange-represented-party': sqlMigration(
    ['ALTER TABLE exchange.message_log ADD COLUMN represented_party text'],
    ['ALTER TABLE exchange.message_log DROP COLUMN represented_party'],
  ),
  '0510-exchange-access-right-pairs': {
    async up(db) {
      await execStatements(db, [
        "ALTER TABLE exchange.access_rights ADD COLUMN pairs jsonb NOT NULL DEFAULT '[]'::jsonb",
      ]);
      const rows = await sql<{
        id: string;
        client: string;
        service_id: string;
        purposes: string[];
        legal_bases: string[];
        granted_by: string;
      }>`SELECT id, client, service_id, purposes, legal_bases, granted_by FROM exchange.access_rights`.execute(
        db,
      );
      for (const row of rows.rows) {
        const pairs = convertedPairs(row);
        await sql`UPDATE exchange.access_rights SET pairs = ${JSON.stringify(pairs)}::jsonb WHERE id = ${row.id}`.execute(
          db,
        );
        await sql`INSERT INTO exchange.admin_log (actor, action, subject, details)
          VALUES ('system:migration', 'access-right.converted', ${row.id}, ${JSON.stringify({
            before: { purposes: row.purposes, legalBases: row.legal_bases },
            pairs,
          })})`.execute(db);
      }
      await execStatements(db, [
        'ALTER TABLE exchange.access_rights ALTER COLUMN pairs DROP DEFAULT',
        'ALTER TABLE exchange.access_rights DROP COLUMN purposes',
        'ALTER TABLE exchange.access_rights DROP COLUMN legal_bases',
      ]);
    },
    async down(db) {
      await execStatements(db, [
        "ALTER TABLE exchange.access_rights ADD COLUMN purposes text[] NOT NULL DEFAULT '{}'",
        "ALTER TABLE exchange.access_rights ADD COLUMN legal_bases text[] NOT NULL DEFAULT '{}'",
        `UPDATE exchange.access_rights SET
          purposes = ARRAY(SELECT DISTINCT p->>'purpose' FROM jsonb_array_elements(pairs) p),
          legal_bases = ARRAY(SELECT DISTINCT p->>'legalBasis' FROM jsonb_array_elements(pairs) p)`,
        'ALTER TABLE exchange.access_rights DROP COLUMN pairs',
      ]);
    },
  } satisfies Migration,
};

export const exchangeMigrations: MigrationSet = { context: 'exchange', migrations };

/** The free-text purposes and legal bases of rights granted before the catalogue, as its codes. */
const LEGACY_CODES: Readonly<Record<string, string>> = {
  'e-service: resident parking permit': 'resident-parking-permit',
  'vehicle history report': 'vehicle-history-report',
  'identity verification': 'identity-verification',
  'address verification': 'address-verification',
  'GDPR Art. 15': 'gdpr-art-15',
  'GDPR Art. 6(1)(e); e-Government Act, Art. 2': 'e-government-act-art-2',
  'Ordinance on parking in Sofia, Art. 35': 'sofia-parking-ordinance-art-35',
  'Road Traffic Act, Art. 140': 'road-traffic-act-art-140',
  'Road Traffic Act, Art. 165': 'road-traffic-act-art-165',
  'Civil Registration Act, Art. 106': 'civil-registration-act-art-106',
};

/**
 * The clients of the release these rows come from. It ran only the Bulgarian instance, before
 * instances were configured, so its ids are history, not configuration.
 */
const LEGACY_CLIENTS = {
  portal: 'BG/GOV/177547175/civitas-portal',
  municipality: 'BG/GOV/000696327/municipal-administration',
  police: 'BG/GOV/000695235/sofia-police',
} as const;

function convertedPairs(row: {
  client: string;
  service_id: string;
  purposes: string[];
  legal_bases: string[];
  granted_by: string;
}): PurposePair[] {
  if (row.granted_by === 'system:bootstrap' && row.client === LEGACY_CLIENTS.portal) {
    return (
      defaultRights([row.service_id], LEGACY_CLIENTS).find((right) => right.client === LEGACY_CLIENTS.portal)
        ?.pairs ?? []
    );
  }
  const code = (text: string) => LEGACY_CODES[text] ?? text;
  return [...new Set(row.purposes.map(code))].flatMap((purpose) =>
    [...new Set(row.legal_bases.map(code))].map((legalBasis) => ({ purpose, legalBasis })),
  );
}
