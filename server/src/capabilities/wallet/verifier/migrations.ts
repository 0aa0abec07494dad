import type { Migration } from 'kysely/migration';

/** The wallet verifier's tables in the `wallet` schema (names 0600-wallet-verifier-*, in order). */
export const verifierMigrations: Record<string, Migration> = {};
