import type { Migration } from 'kysely/migration';
import type { MigrationSet } from '../../db/index.ts';
import { sqlMigration } from '../../db/index.ts';

/**
 * The dossier's own schema: its signing keys and one row per issued report. A report's content
 * is not kept (an owner's report holds fines and taxes): only what proves a copy authentic, the
 * hash of its signed JSON and of its PDF.
 */
const migrations: Record<string, Migration> = {
  '0400-dossier': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS dossier',
      `CREATE TABLE dossier.keys (
        kid text PRIMARY KEY,
        private_jwk text NOT NULL,
        public_jwk text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE dossier.reports (
        reference text PRIMARY KEY,
        vin text NOT NULL,
        viewer text NOT NULL CHECK (viewer IN ('public', 'owner', 'official', 'police')),
        issued_at timestamptz NOT NULL,
        partial boolean NOT NULL,
        body_sha256 text NOT NULL,
        kid text NOT NULL REFERENCES dossier.keys,
        pdf_sha256 text,
        requester text
      )`,
      'CREATE INDEX reports_pdf_idx ON dossier.reports (pdf_sha256) WHERE pdf_sha256 IS NOT NULL',
      'CREATE INDEX reports_vin_idx ON dossier.reports (vin, issued_at)',
    ],
    ['DROP SCHEMA dossier CASCADE'],
  ),
};

export const dossierMigrations: MigrationSet = { context: 'vehicle-dossier', migrations };
