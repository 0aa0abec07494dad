/** eHealth: the health record on FHIR R4, SMART on FHIR, the patient's EHDS rights, e-prescriptions. */
export { smartLaunchContext } from './access/launch.ts';
export { ehealthErrors } from './errors.ts';
export { ehealthMigrations } from './migrations.ts';
export type { EhealthOptions } from './options.ts';
export { healthRecordServices } from './register/service.ts';
export { ehealthPlugin } from './routes.ts';
export type {
  BackgroundSeeding,
  BackgroundSeedOptions,
  BackgroundSeedProgress,
} from './synthetic/background.ts';
export { startBackgroundSeeding } from './synthetic/background.ts';
export type { HealthSeedOptions, HealthSeedResult } from './synthetic/seed.ts';
export { healthRecordSeeded, seedHealthRecord } from './synthetic/seed.ts';
