import { Type } from '@sinclair/typebox';
import { LEGAL_BASES, PURPOSES } from '../../kernel/index.ts';
import type { GlobalConfiguration } from '../global-conf/types.ts';

export const RegistryView = Type.Object({
  instance: Type.String(),
  members: Type.Array(
    Type.Object({
      id: Type.String({ description: 'INSTANCE/CLASS/CODE' }),
      memberClass: Type.String(),
      memberCode: Type.String(),
      name: Type.String({ description: 'as registered (Bulgarian)' }),
      nodes: Type.Array(Type.String(), { description: 'the nodes that host the member' }),
      subsystems: Type.Array(
        Type.Object({
          id: Type.String({ description: 'INSTANCE/CLASS/CODE/SUBSYSTEM' }),
          code: Type.String(),
          name: Type.String(),
          services: Type.Array(
            Type.Object({
              id: Type.String(),
              code: Type.String(),
              name: Type.String(),
              providedHere: Type.Boolean({
                description: 'this node provides it (rights can be granted here)',
              }),
            }),
          ),
        }),
      ),
    }),
  ),
  globalGroups: Type.Array(Type.Object({ code: Type.String(), description: Type.String() })),
  purposes: Type.Array(Type.String(), { description: 'purpose codes a right can grant' }),
  legalBases: Type.Array(Type.Object({ code: Type.String(), hideable: Type.Boolean() })),
});

/** The registry's members, subsystems and services as the global configuration lists them. */
export function registryView(conf: GlobalConfiguration, providedHere: ReadonlyMap<string, unknown>) {
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
