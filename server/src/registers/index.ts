/** The public API of registers: what other contexts and the composition root use of it. */
export type { NewRegisterChange, RegisterChange, RegisterChanges } from './changes/outbox.ts';
export { registerChanges } from './changes/outbox.ts';
export { registerErrors } from './errors.ts';
export { inspectionsByVin } from './inspections/queries.ts';
export type { Instance } from './instance/index.ts';
export { exchangeSetupOf, instancePlugin, loadInstance } from './instance/index.ts';
export { registerMigrations } from './migrations.ts';
export { populationQueries } from './population/queries.ts';
export type { RegisterSamples, VinFilter } from './samples.ts';
export { registerSamples } from './samples.ts';
export type { SeedOptions, SeedResult } from './seed.ts';
export { completedSeedRun, seedRegisters } from './seed.ts';
export { registerServices } from './services.ts';
export type { VehicleQueries } from './vehicles/queries.ts';
export { vehicleQueries } from './vehicles/queries.ts';
