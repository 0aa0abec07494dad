/** The vehicle history report: gathered from the registers, signed, recorded, checkable by anyone. */
export { vehicleDossierErrors } from './errors.ts';
export { dossierMigrations } from './migrations.ts';
export { DOSSIER_PURPOSE, DossierPolicy, PUBLIC_LEGAL_BASIS } from './policy.ts';
export { type DossierRoutesOptions, vehicleDossierPlugin } from './routes.ts';
export { DossierService } from './service.ts';
export { ReportStore } from './store.ts';
export type { DossierTables } from './tables.ts';
