import type { Migration } from 'kysely/migration';
import { sqlMigration } from '../../../db/index.ts';

/** The wallet verifier's tables in the `wallet` schema (names 0640-…0649-, in order). */
export const verifierMigrations: Record<string, Migration> = {
  '0640-wallet-verifier': sqlMigration(
    [
      `CREATE TABLE wallet.verifiers (
        id text PRIMARY KEY,
        name text NOT NULL,
        organisation text NOT NULL,
        dns_name text NOT NULL UNIQUE,
        checks text NOT NULL,
        operator_role text NOT NULL,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE wallet.verifications (
        id text PRIMARY KEY,
        verifier_id text NOT NULL REFERENCES wallet.verifiers,
        started_by text NOT NULL,
        check_id text NOT NULL,
        nonce text NOT NULL UNIQUE,
        state text NOT NULL,
        decryption_jwk text,
        encryption_jwk text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'verified', 'failed')),
        failure_code text,
        result text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        answered_at timestamptz
      )`,
      'CREATE INDEX verifications_expiry_idx ON wallet.verifications (expires_at)',
    ],
    ['DROP TABLE wallet.verifications', 'DROP TABLE wallet.verifiers'],
  ),
};
