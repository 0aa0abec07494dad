import type { MigrationSet } from '../../db/index.ts';
import { sqlMigration } from '../../db/index.ts';
import { credentialsMigrations } from './credentials/migrations.ts';
import { issuerMigrations } from './issuer/migrations.ts';
import { statusMigrations } from './status/migrations.ts';
import { trustMigrations } from './trust/migrations.ts';
import { verifierMigrations } from './verifier/migrations.ts';

/** The wallet's schema, then each part's tables in it. */
export const walletMigrations: MigrationSet = {
  context: 'wallet',
  migrations: {
    '0600-wallet': sqlMigration(['CREATE SCHEMA IF NOT EXISTS wallet'], ['DROP SCHEMA wallet CASCADE']),
    ...issuerMigrations,
    ...credentialsMigrations,
    ...trustMigrations,
    ...statusMigrations,
    ...verifierMigrations,
  },
};
