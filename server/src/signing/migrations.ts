import type { MigrationSet } from '../db/index.ts';
import { sqlMigration } from '../db/index.ts';

/** The signing CA's certificates (citizens', e-seals', its own); private keys stay in the key store. */
export const signingMigrations: MigrationSet = {
  context: 'signing',
  migrations: {
    '0810-signing-certificates': sqlMigration(
      [
        'CREATE SCHEMA IF NOT EXISTS signing',
        `CREATE TABLE signing.certificates (
          serial text PRIMARY KEY,
          seq integer GENERATED ALWAYS AS IDENTITY UNIQUE,
          kind text NOT NULL CHECK (kind IN ('ca', 'person', 'seal')),
          holder text NOT NULL,
          name text NOT NULL,
          key_thumbprint text NOT NULL,
          certificate text NOT NULL,
          key_file text,
          not_before timestamptz NOT NULL,
          not_after timestamptz NOT NULL,
          revoked_at timestamptz,
          created_at timestamptz NOT NULL DEFAULT now()
        )`,
        // One CA: two processes starting at once keep the first one stored.
        `CREATE UNIQUE INDEX certificates_one_ca ON signing.certificates (kind) WHERE kind = 'ca'`,
        'CREATE INDEX certificates_holder_idx ON signing.certificates (kind, holder, created_at)',
        'CREATE INDEX certificates_key_idx ON signing.certificates (key_thumbprint)',
      ],
      ['DROP SCHEMA signing CASCADE'],
    ),
  },
};
