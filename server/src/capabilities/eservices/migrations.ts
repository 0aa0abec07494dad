import type { MigrationSet } from '../../db/index.ts';
import { sqlMigration } from '../../db/index.ts';

/** The e-services' schema: drafts, applications, and the append-only history of each application. */
export const eservicesMigrations: MigrationSet = {
  context: 'eservices',
  migrations: {
    '0820-eservices-applications': sqlMigration(
      [
        'CREATE SCHEMA IF NOT EXISTS eservices',
        `CREATE TABLE eservices.drafts (
          id uuid PRIMARY KEY,
          subject text NOT NULL,
          service_code text NOT NULL,
          service_version integer NOT NULL,
          data text NOT NULL,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL
        )`,
        'CREATE INDEX drafts_subject_idx ON eservices.drafts (subject, updated_at)',
        `CREATE TABLE eservices.applications (
          id uuid PRIMARY KEY,
          draft_id uuid NOT NULL UNIQUE,
          subject text NOT NULL,
          service_code text NOT NULL,
          service_version integer NOT NULL,
          administration_id text NOT NULL,
          data text NOT NULL,
          signature text NOT NULL,
          status text NOT NULL CHECK (status IN ('submitted', 'in-review', 'more-information-requested',
            'approved', 'refused', 'withdrawn')),
          submitted_at timestamptz NOT NULL,
          due_at timestamptz NOT NULL,
          decided_at timestamptz
        )`,
        'CREATE INDEX applications_subject_idx ON eservices.applications (subject, submitted_at)',
        'CREATE INDEX applications_queue_idx ON eservices.applications (administration_id, status, due_at)',
        `CREATE TABLE eservices.history (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          application_id uuid NOT NULL REFERENCES eservices.applications,
          subject text NOT NULL,
          at timestamptz NOT NULL,
          actor text NOT NULL CHECK (actor IN ('applicant', 'official', 'system')),
          action text NOT NULL,
          status text NOT NULL,
          note text,
          /** The official who acted (never shown to the citizen: the history they see names the role). */
          official text
        )`,
        'CREATE INDEX history_application_idx ON eservices.history (application_id, seq)',
        // Append-only in the database too: an UPDATE or DELETE of the history is refused.
        `CREATE FUNCTION eservices.history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'eservices.history is append-only'; END $$`,
        `CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON eservices.history
          FOR EACH ROW EXECUTE FUNCTION eservices.history_is_append_only()`,
      ],
      ['DROP SCHEMA eservices CASCADE'],
    ),
  },
};
