import { auditMigrations } from './audit/migrations.ts';
import { dossierMigrations } from './capabilities/vehicle-dossier/migrations.ts';
import type { MigrationSet } from './db/migrate.ts';
import { exchangeMigrations } from './exchange/migrations.ts';
import { identityMigrations } from './identity/migrations.ts';
import { registerMigrations } from './registers/migrations.ts';

/**
 * Every context's migrations, registered here at boot (the database layer knows no context).
 * They run in the order of their names, not of this list: see db/migrate.ts.
 */
export const MIGRATIONS: readonly MigrationSet[] = [
  identityMigrations,
  registerMigrations,
  exchangeMigrations,
  auditMigrations,
  dossierMigrations,
];
