import type { ExchangeServiceDefinition } from './service-definition.ts';

/**
 * The members of an exchange instance and the subsystems they run, as the central registry
 * publishes them. The exchange declares the shape; the instance configuration
 * (`registers/instance/`) supplies it, so no country is written into the exchange.
 */
export interface CatalogueMember {
  memberClass: string;
  memberCode: string;
  name: string;
  subsystems: ReadonlyArray<{ code: string; name: string }>;
}

export interface Catalogue {
  /** The exchange instance identifier, the first part of every id (`BG`, `PL`). */
  instance: string;
  members: readonly CatalogueMember[];
}

/** `INSTANCE/CLASS/CODE` */
export function memberIdOf(catalogue: Catalogue, member: CatalogueMember): string {
  return `${catalogue.instance}/${member.memberClass}/${member.memberCode}`;
}

/** The central registry's own member id, the owner of the key that signs the global configuration. */
export function registryMemberOf(catalogue: Catalogue): string {
  return `${catalogue.instance}/GOV/central-registry`;
}

/** Which member runs a subsystem. */
export function memberOfSubsystem(catalogue: Catalogue, subsystem: string): CatalogueMember {
  const member = catalogue.members.find((candidate) =>
    candidate.subsystems.some((entry) => entry.code === subsystem),
  );
  if (!member) throw new Error(`no member runs the subsystem ${subsystem}`);
  return member;
}

/** The full id of a subsystem's service, e.g. `BG/GOV/000695235/vehicle-register/vehicles`. */
export function serviceIdIn(catalogue: Catalogue, subsystem: string, service: string): string {
  return `${memberIdOf(catalogue, memberOfSubsystem(catalogue, subsystem))}/${subsystem}/${service}`;
}

/** Service definitions keyed by their full ids in this instance. */
export function servicesById(
  catalogue: Catalogue,
  definitions: Iterable<ExchangeServiceDefinition>,
): Map<string, ExchangeServiceDefinition> {
  return new Map(
    [...definitions].map((definition) => [
      serviceIdIn(catalogue, definition.subsystem, definition.code),
      definition,
    ]),
  );
}
