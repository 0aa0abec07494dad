/** The instance configuration: which country this installation serves (CIVITAS_INSTANCE), loaded and checked at boot. */
export { exchangeSetupOf, hostedServices } from './exchange-setup.ts';
export { BUILT_IN_INSTANCES, type Instance, instanceFrom, loadInstance } from './load.ts';
export { instancePlugin } from './plugin.ts';
export type { InstanceFile, InstanceLocale, PlatformClient } from './schema.ts';
