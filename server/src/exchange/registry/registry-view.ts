import type { RegistryView } from '@civitas/contracts/api/exchange-admin.ts';
import { LEGAL_BASES, PURPOSES } from '../../kernel/index.ts';
import type { GlobalConfiguration } from '../global-conf/types.ts';

/** The registry's members, subsystems and services as the global configuration lists them. */
export function registryView(
  conf: GlobalConfiguration,
  providedHere: ReadonlyMap<string, unknown>,
): RegistryView {
  return {
    instance: conf.instance,
    members: conf.members.map((member) => {
      const id = `${conf.instance}/${member.memberClass}/${member.memberCode}`;
      return {
        id,
        memberClass: member.memberClass,
        memberCode: member.memberCode,
        name: member.name,
        nodes: conf.nodes.filter((node) => node.members.includes(id)).map((node) => node.id),
        subsystems: member.subsystems.map((subsystem) => {
          const subsystemId = `${id}/${subsystem.code}`;
          return {
            id: subsystemId,
            code: subsystem.code,
            name: subsystem.name,
            services: conf.services
              .filter((service) => service.id.startsWith(`${subsystemId}/`))
              .map((service) => ({
                id: service.id,
                code: service.id.slice(subsystemId.length + 1),
                name: service.name,
                providedHere: providedHere.has(service.id),
              })),
          };
        }),
      };
    }),
    globalGroups: conf.globalGroups.map((group) => ({ code: group.code, description: group.description })),
    purposes: [...PURPOSES],
    legalBases: Object.entries(LEGAL_BASES).map(([code, basis]) => ({ code, hideable: basis.hideable })),
  };
}
