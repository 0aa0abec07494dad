import { formatPair } from '../../../kernel/index.ts';
import type { GlobalConfiguration } from '../../global-conf/types.ts';
import type { RequestEnvelope } from '../../protocol/envelope.ts';
import { ExchangeFault } from '../../protocol/errors.ts';
import type { Endpoint, ExchangeServiceDefinition } from '../../service-definition.ts';
import type { NodeContext } from '../context.ts';

/** The service asked for, if this node provides it and holds its member's signing key. */
export function findService(
  context: NodeContext,
  envelope: RequestEnvelope,
): { service: ExchangeServiceDefinition; providerMember: string } {
  const service = context.services.get(envelope.service);
  const providerMember = envelope.service.split('/').slice(0, 3).join('/');
  if (service && context.trust.signerFor(providerMember)) return { service, providerMember };
  throw new ExchangeFault(
    'Server.ServerProxy.UnknownService',
    `This node does not provide ${envelope.service}.`,
  );
}

/** A message id is used once per client (X-Road's replay protection). */
export function checkFirstUse(context: NodeContext, envelope: RequestEnvelope): void {
  if (!context.replay.firstUse(envelope.client, envelope.id)) {
    throw new ExchangeFault(
      'Server.ServerProxy.DuplicateMessageId',
      `The message id ${envelope.id} was already used by this client.`,
    );
  }
}

/** An endpoint with personal data needs its data subject named, unless its answer names it. */
export function checkDataSubject(endpoint: Endpoint, envelope: RequestEnvelope): void {
  if (endpoint.personalData && !envelope.dataSubject && !endpoint.subjectOfAnswer) {
    throw new ExchangeFault(
      'Client.MissingDataSubject',
      'This endpoint returns personal data: name the data subject (X-Road-Data-Subject).',
    );
  }
}

/** The client (or a global group it belongs to) must hold a right for this purpose on this basis. */
export async function checkAccessRight(
  context: NodeContext,
  conf: GlobalConfiguration,
  envelope: RequestEnvelope,
): Promise<void> {
  const decision = await context.rights.check({
    client: envelope.client,
    clientGroups: conf.globalGroups
      .filter((group) => group.members.includes(envelope.client))
      .map((group) => group.code),
    service: envelope.service,
    method: envelope.method,
    path: envelope.path,
    purpose: envelope.purpose,
    legalBasis: envelope.legalBasis,
  });
  if (decision.allowed) return;
  if (decision.reason === 'no-right') {
    throw new ExchangeFault(
      'Server.ServerProxy.AccessDenied',
      `${envelope.client} has no access right to ${envelope.service}.`,
    );
  }
  const listed = (decision.granted ?? []).map(formatPair).join('; ');
  throw decision.reason === 'purpose'
    ? new ExchangeFault(
        'Server.ServerProxy.PurposeNotAllowed',
        `The purpose "${envelope.purpose}" is not granted; granted (purpose @ legal basis): ${listed}.`,
      )
    : new ExchangeFault(
        'Server.ServerProxy.LegalBasisNotAllowed',
        `The purpose "${envelope.purpose}" is not granted on the legal basis "${envelope.legalBasis}"; granted (purpose @ legal basis): ${listed}.`,
      );
}
