import type { Migration } from 'kysely/migration';
import { sqlMigration } from '../../../db/index.ts';

/** The wallet's PKI: certificates only, the private keys stay in the key store (names 0630-…). */
export const trustMigrations: Record<string, Migration> = {
  '0630-wallet-trust': sqlMigration(
    [
      `CREATE TABLE wallet.trust_certificates (
        serial text PRIMARY KEY,
        seq integer GENERATED ALWAYS AS IDENTITY UNIQUE,
        role text NOT NULL CHECK (role IN ('anchor', 'access-anchor', 'issuer', 'status-signer', 'verifier')),
        subject text NOT NULL,
        dns_name text,
        certificate text NOT NULL,
        key_file text NOT NULL,
        not_before timestamptz NOT NULL,
        not_after timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      // One root per hierarchy: two processes starting at once keep the first one stored.
      `CREATE UNIQUE INDEX trust_certificates_one_root ON wallet.trust_certificates (role)
        WHERE role IN ('anchor', 'access-anchor')`,
      'CREATE INDEX trust_certificates_role_idx ON wallet.trust_certificates (role, created_at)',
      'CREATE INDEX trust_certificates_dns_idx ON wallet.trust_certificates (dns_name, created_at) WHERE dns_name IS NOT NULL',
    ],
    ['DROP TABLE wallet.trust_certificates'],
  ),
};
