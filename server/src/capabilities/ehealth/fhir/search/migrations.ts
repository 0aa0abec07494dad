import type { MigrationSet } from '../../../../db/index.ts';

/** This part's tables in the `ehealth` schema (see ../migrations.ts for its range of names). */
export const searchMigrations: MigrationSet['migrations'] = {};
