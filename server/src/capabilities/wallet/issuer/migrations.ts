import type { Migration } from 'kysely/migration';
import { sqlMigration } from '../../../db/index.ts';

/** The wallet issuer's tables in the `wallet` schema (names 0610-wallet-issuer-*, in order). */
export const issuerMigrations: Record<string, Migration> = {
  '0610-wallet-issuer-tables': sqlMigration(
    [
      `CREATE TABLE wallet.issuer_offers (
        id text PRIMARY KEY,
        code_hash text NOT NULL UNIQUE,
        tx_code_hash text NOT NULL,
        subject text NOT NULL,
        configuration_ids text[] NOT NULL,
        vin text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        failed_attempts integer NOT NULL DEFAULT 0,
        state text NOT NULL CHECK (state IN ('open', 'redeemed', 'dead'))
      )`,
      `CREATE TABLE wallet.issuer_nonces (
        nonce text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`,
      'CREATE INDEX issuer_nonces_expiry_idx ON wallet.issuer_nonces (expires_at)',
      `CREATE TABLE wallet.issuer_access_tokens (
        token_hash text PRIMARY KEY,
        offer_id text NOT NULL REFERENCES wallet.issuer_offers,
        subject text NOT NULL,
        configuration_ids text[] NOT NULL,
        vin text,
        expires_at timestamptz NOT NULL
      )`,
      `CREATE TABLE wallet.issued_credentials (
        id uuid PRIMARY KEY,
        subject text NOT NULL,
        configuration_id text NOT NULL,
        format text NOT NULL CHECK (format IN ('dc+sd-jwt', 'mso_mdoc')),
        status_uri text NOT NULL,
        status_idx integer NOT NULL,
        holder_key_thumbprint text NOT NULL,
        case_ref text NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        UNIQUE (status_uri, status_idx)
      )`,
      'CREATE INDEX issued_credentials_subject_idx ON wallet.issued_credentials (subject, issued_at)',
    ],
    [
      'DROP TABLE wallet.issued_credentials',
      'DROP TABLE wallet.issuer_access_tokens',
      'DROP TABLE wallet.issuer_nonces',
      'DROP TABLE wallet.issuer_offers',
    ],
  ),
};
