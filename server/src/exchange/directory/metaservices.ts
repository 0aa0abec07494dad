import type { GlobalConfiguration } from '../global-conf/types.ts';
import { parseSubsystemId } from '../ids.ts';
import type { NodeContext } from '../node/context.ts';
import { openApiOf } from '../service-definition.ts';

/** X-Road's JSON shape for a service in listMethods / allowedMethods. */
function serviceEntry(serviceId: string) {
  const [xroad_instance, member_class, member_code, subsystem_code, service_code] = serviceId.split('/');
  return {
    object_type: 'SERVICE',
    xroad_instance,
    member_class,
    member_code,
    subsystem_code,
    service_code,
    service_type: 'REST',
  };
}

/** listClients: the members and subsystems the node knows from the global configuration. */
export function listClients(conf: GlobalConfiguration) {
  return {
    member: conf.members.flatMap((member) => [
      {
        id: {
          object_type: 'MEMBER',
          xroad_instance: conf.instance,
          member_class: member.memberClass,
          member_code: member.memberCode,
        },
        name: member.name,
      },
      ...member.subsystems.map((subsystem) => ({
        id: {
          object_type: 'SUBSYSTEM',
          xroad_instance: conf.instance,
          member_class: member.memberClass,
          member_code: member.memberCode,
          subsystem_code: subsystem.code,
        },
        name: subsystem.name,
      })),
    ]),
  };
}

export function listMethods(context: NodeContext, subsystemId: string) {
  return {
    service: [...context.services.keys()].filter((id) => id.startsWith(`${subsystemId}/`)).map(serviceEntry),
  };
}

/** The services of a subsystem the client holds an access right to (for any purpose). */
export async function allowedMethods(
  context: NodeContext,
  conf: GlobalConfiguration,
  subsystemId: string,
  client: string,
) {
  const groups = conf.globalGroups
    .filter((group) => group.members.includes(client))
    .map((group) => `group:${group.code}`);
  const holders = new Set([client, ...groups]);
  const rights = await context.rights.list();
  const allowed = [...context.services.keys()].filter(
    (id) =>
      id.startsWith(`${subsystemId}/`) &&
      rights.some((right) => right.service_id === id && holders.has(right.client)),
  );
  return { service: allowed.map(serviceEntry) };
}

export function getOpenApi(context: NodeContext, subsystemId: string, serviceCode: string) {
  const id = `${subsystemId}/${serviceCode}`;
  const definition = context.services.get(id);
  return definition ? openApiOf(definition, id) : null;
}

export const METASERVICES = new Set(['listMethods', 'allowedMethods', 'getOpenAPI']);

export function isSubsystemId(value: string): boolean {
  return parseSubsystemId(value) !== null;
}
