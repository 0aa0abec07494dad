import type { GlobalConfiguration, GlobalConfigurationNode } from '../../global-conf/types.ts';
import { memberIdOf, type ServiceId, type SubsystemId, serviceIdOf, subsystemIdOf } from '../../ids.ts';
import { ExchangeFault } from '../../protocol/errors.ts';
import type { NodeContext } from '../context.ts';
import type { AskedExchange } from './read-request.ts';

/** Who signs the request and where it goes, by the global configuration. */
export interface MessageRoute {
  conf: GlobalConfiguration;
  clientId: string;
  clientMember: string;
  serviceId: string;
  providerMember: string;
  providerNode: GlobalConfigurationNode;
}

function registered(conf: GlobalConfiguration, memberId: string) {
  return conf.members.find(
    (member) => `${conf.instance}/${member.memberClass}/${member.memberCode}` === memberId,
  );
}

/** The client must be a registered subsystem of a member whose key this node holds. */
export function checkClientHosted(
  context: NodeContext,
  conf: GlobalConfiguration,
  client: SubsystemId,
): void {
  const clientMember = memberIdOf(client);
  const signer = context.trust.signerFor(clientMember);
  const registeredClient = conf.members.some(
    (member) =>
      `${conf.instance}/${member.memberClass}/${member.memberCode}` === clientMember &&
      member.subsystems.some((subsystem) => subsystem.code === client.subsystem),
  );
  if (!signer || !registeredClient) {
    throw new ExchangeFault(
      'Server.ClientProxy.ClientNotHosted',
      `${subsystemIdOf(client)} is not a client hosted on this node.`,
    );
  }
}

/** The node that hosts the service's member, once member and service are known to be registered. */
export function findProviderNode(conf: GlobalConfiguration, service: ServiceId): GlobalConfigurationNode {
  const serviceId = serviceIdOf(service);
  const providerMember = memberIdOf(service);
  if (!registered(conf, providerMember))
    throw new ExchangeFault('Server.ClientProxy.UnknownMember', `No member ${providerMember} is registered.`);
  if (!conf.services.some((candidate) => candidate.id === serviceId))
    throw new ExchangeFault('Server.ClientProxy.UnknownService', `No service ${serviceId} is registered.`);
  const providerNode = conf.nodes.find((node) => node.members.includes(providerMember));
  if (providerNode) return providerNode;
  throw new ExchangeFault('Server.ClientProxy.UnknownMember', `No node hosts ${providerMember}.`);
}

/** Routes the message by the node's current global configuration. */
export function routeMessage(context: NodeContext, asked: AskedExchange): MessageRoute {
  const conf = context.trust.conf('consumer');
  checkClientHosted(context, conf, asked.client);
  const providerNode = findProviderNode(conf, asked.service);
  return {
    conf,
    clientId: subsystemIdOf(asked.client),
    clientMember: memberIdOf(asked.client),
    serviceId: serviceIdOf(asked.service),
    providerMember: memberIdOf(asked.service),
    providerNode,
  };
}
