import type { Migration } from 'kysely/migration';

/** The wallet issuer's tables in the `wallet` schema (names 0600-wallet-issuer-*, in order). */
export const issuerMigrations: Record<string, Migration> = {};
