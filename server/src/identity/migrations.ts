import type { Migration } from 'kysely/migration';
import type { MigrationSet } from '../db/index.ts';
import { sqlMigration } from '../db/index.ts';

const migrations: Record<string, Migration> = {
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
  // Sign-in state of the eID node: what was read about a person when they signed in (the ID
  // token's claims, so that issuing tokens reads no register again), and the PIN attempt
  // counter per personal number (backoff and lockout that survive a restart).
  '0540-identity-sign-ins-and-pin-attempts': sqlMigration(
    [
      `CREATE TABLE identity.sign_ins (
        egn char(10) PRIMARY KEY,
        claims text NOT NULL,
        signed_in_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
      'CREATE INDEX sign_ins_expiry_idx ON identity.sign_ins (expires_at)',
      `CREATE TABLE identity.pin_attempts (
        egn char(10) PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL,
        locked_until timestamptz
      )`,
      'CREATE INDEX pin_attempts_last_failure_idx ON identity.pin_attempts (last_failure_at)',
    ],
    ['DROP TABLE identity.pin_attempts', 'DROP TABLE identity.sign_ins'],
  ),
  // Passkeys with the eID (issue 16): a random user handle per person (never the personal
  // number), the credentials with their counter and the level they were registered at, and
  // single-use WebAuthn challenges bound to a person (registration) or a sign-in (authentication).
  '0650-identity-passkeys': sqlMigration(
    [
      `CREATE TABLE identity.passkey_holders (
        egn char(10) PRIMARY KEY,
        user_handle text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE identity.passkeys (
        id uuid PRIMARY KEY,
        egn char(10) NOT NULL REFERENCES identity.passkey_holders (egn),
        credential_id text NOT NULL UNIQUE,
        public_key bytea NOT NULL,
        sign_count bigint NOT NULL,
        transports text NOT NULL,
        device_name text NOT NULL,
        registered_acr text NOT NULL,
        backup_eligible boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`,
      'CREATE INDEX passkeys_egn_idx ON identity.passkeys (egn)',
      `CREATE TABLE identity.passkey_challenges (
        challenge text PRIMARY KEY,
        purpose text NOT NULL CHECK (purpose IN ('registration', 'authentication')),
        egn char(10),
        interaction_uid text,
        expires_at timestamptz NOT NULL
      )`,
      'CREATE INDEX passkey_challenges_expiry_idx ON identity.passkey_challenges (expires_at)',
    ],
    [
      'DROP TABLE identity.passkey_challenges',
      'DROP TABLE identity.passkeys',
      'DROP TABLE identity.passkey_holders',
    ],
  ),
};

export const identityMigrations: MigrationSet = { context: 'identity', migrations };
