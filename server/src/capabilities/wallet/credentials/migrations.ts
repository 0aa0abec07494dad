import type { Migration } from 'kysely/migration';

/** The wallet credentials's tables in the `wallet` schema (names 0600-wallet-credentials-*, in order). */
export const credentialsMigrations: Record<string, Migration> = {};
