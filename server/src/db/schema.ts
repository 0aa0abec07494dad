import type { AuditTables } from '../audit/tables.ts';
import type { DossierTables } from '../capabilities/vehicle-dossier/tables.ts';
import type { ExchangeTables } from '../exchange/tables.ts';
import type { IdentityTables } from '../identity/tables.ts';
import type { DrivingLicenceTables } from '../registers/driving-licences/tables.ts';
import type { FineTables } from '../registers/fines/tables.ts';
import type { IdentityDocumentTables } from '../registers/identity-documents/tables.ts';
import type { InspectionTables } from '../registers/inspections/tables.ts';
import type { InsuranceTables } from '../registers/insurance/tables.ts';
import type { PopulationTables } from '../registers/population/tables.ts';
import type { VehicleTaxTables } from '../registers/vehicle-tax/tables.ts';
import type { VehicleTables } from '../registers/vehicles/tables.ts';

export interface SeedRunRow {
  id: string;
  seed: string;
  persons: number;
  vehicles: number;
  started_at: Date;
  completed_at: Date | null;
}

export interface PlatformTables {
  'platform.seed_runs': SeedRunRow;
}

/** Every table of every context, schema-qualified. Each context only touches its own. */
export type Database = PlatformTables &
  AuditTables &
  DossierTables &
  ExchangeTables &
  IdentityTables &
  PopulationTables &
  IdentityDocumentTables &
  DrivingLicenceTables &
  VehicleTables &
  InspectionTables &
  InsuranceTables &
  FineTables &
  VehicleTaxTables;
