import type { ExchangeServiceDefinition, RegistrySetup } from '../../exchange/index.ts';
import { servicesById } from '../../exchange/index.ts';
import type { Instance } from './load.ts';

/**
 * What the exchange is started with for an instance: its members, the register services it hosts
 * (of those the code provides, the instance's register set) and the clients that get default rights.
 */
export function exchangeSetupOf(
  instance: Instance,
  provided: readonly ExchangeServiceDefinition[],
): RegistrySetup {
  return {
    catalogue: instance.catalogue,
    services: servicesById(instance.catalogue, hostedServices(instance, provided)),
    defaultClients: instance.clients,
  };
}

/** The instance's register set among the services the code provides; a register the code lacks stops the start. */
export function hostedServices(
  instance: Instance,
  provided: readonly ExchangeServiceDefinition[],
): ExchangeServiceDefinition[] {
  const missing = instance.registers.filter(
    (register) => !provided.some((definition) => definition.subsystem === register),
  );
  if (missing.length > 0) {
    throw new Error(`instance ${instance.id}: no register in the code provides ${missing.join(', ')}`);
  }
  return provided.filter((definition) => instance.registers.includes(definition.subsystem));
}
