import type { Migration } from 'kysely/migration';

/** The wallet status's tables in the `wallet` schema (names 0600-wallet-status-*, in order). */
export const statusMigrations: Record<string, Migration> = {};
