import { auditMigrations } from './audit/index.ts';
// The capabilities' migration lists straight from their files: a process that only migrates (the
// CLI, the crash test's writer) does not load the capabilities themselves (FHIR definitions, PDFs).
import { deliveryMigrations } from './capabilities/delivery/migrations.ts';
import { ehealthMigrations } from './capabilities/ehealth/migrations.ts';
import { eservicesMigrations } from './capabilities/eservices/migrations.ts';
import { dossierMigrations } from './capabilities/vehicle-dossier/index.ts';
import { walletMigrations } from './capabilities/wallet/migrations.ts';
import type { MigrationSet } from './db/index.ts';
import { exchangeMigrations } from './exchange/index.ts';
import { identityMigrations } from './identity/index.ts';
import { registerMigrations } from './registers/index.ts';
import { signingMigrations } from './signing/index.ts';

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
  walletMigrations,
  ehealthMigrations,
  deliveryMigrations,
  signingMigrations,
  eservicesMigrations,
];
