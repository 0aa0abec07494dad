import type { Migration } from 'kysely/migration';
import { sqlMigration } from '../db/sql-migration.ts';

export const identityMigrations: Record<string, Migration> = {
  '0010-identity': sqlMigration(
    [
      'CREATE SCHEMA IF NOT EXISTS identity',
      `CREATE TABLE identity.role_assignments (
        egn char(10) NOT NULL,
        role text NOT NULL,
        organisation text,
        source text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (egn, role)
      )`,
      `CREATE TABLE identity.signing_keys (
        kid text PRIMARY KEY,
        use text NOT NULL,
        private_jwk text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE identity.oidc_payloads (
        id text NOT NULL,
        model text NOT NULL,
        payload text NOT NULL,
        grant_id text,
        user_code text,
        uid text,
        expires_at timestamptz,
        consumed_at timestamptz,
        PRIMARY KEY (model, id)
      )`,
      'CREATE INDEX oidc_payloads_grant_idx ON identity.oidc_payloads (grant_id)',
      'CREATE INDEX oidc_payloads_uid_idx ON identity.oidc_payloads (uid)',
      'CREATE INDEX oidc_payloads_expiry_idx ON identity.oidc_payloads (expires_at)',
    ],
    ['DROP SCHEMA identity CASCADE'],
  ),
  // The name under which a person holds an official role, as their administration registered
  // it: a citizen's "who used my data" names the official who looked, never their personal number.
  '0530-identity-role-holder-name': sqlMigration(
    ['ALTER TABLE identity.role_assignments ADD COLUMN holder_name text'],
    ['ALTER TABLE identity.role_assignments DROP COLUMN holder_name'],
  ),
};
