import type { GlobalConfiguration } from '../../global-conf/types.ts';
import { openEnvelope } from '../../protocol/batch-signing.ts';
import { type RequestEnvelope, sha256 } from '../../protocol/envelope.ts';
import { ExchangeFault } from '../../protocol/errors.ts';
import { type NodeContext, REQUEST_SIGNATURE_TYPE } from '../context.ts';
import { MESSAGE_MAX_AGE_MS } from '../replay-guard.ts';
import type { MessageSender, ProviderTrail } from './trail.ts';

/** The node that sent the message, by its registered TLS certificate (or this node itself). */
export function identifySender(
  context: NodeContext,
  conf: GlobalConfiguration,
  sender: MessageSender,
): Promise<string> | string {
  return sender.kind === 'self' ? context.trust.nodeId : context.trust.peerNode(conf, sender.certificatePem);
}

/**
 * The request must be signed by the client's member with a registered key; the client is read
 * from the envelope before verification only to pick the keys.
 */
export async function verifySignature(
  trail: ProviderTrail,
  conf: GlobalConfiguration,
): Promise<{ envelope: RequestEnvelope; clientMember: string }> {
  const opened = openEnvelope(trail.message.requestJws);
  const named = (opened?.unverified as { client?: unknown } | null | undefined)?.client;
  const unverified = typeof named === 'string' ? named : null;
  const clientMember = unverified?.split('/').slice(0, 3).join('/') ?? '';
  const keys = await trail.context.trust.verificationKeys(conf, clientMember);
  const verified = opened
    ? trail.context.trust.verifier.verifyOpened<RequestEnvelope>(opened, keys, REQUEST_SIGNATURE_TYPE)
    : null;
  trail.envelope = verified?.envelope ?? null;
  if (!verified || !trail.envelope || trail.envelope.client !== unverified) {
    throw new ExchangeFault(
      'Server.ServerProxy.InvalidSignature',
      "The request's signature does not verify with the client member's registered keys.",
    );
  }
  trail.requestHash = verified.hash;
  return { envelope: trail.envelope, clientMember };
}

export function checkBodyHash(body: Buffer, envelope: RequestEnvelope): void {
  if (sha256(body) !== envelope.bodyHash)
    throw new ExchangeFault(
      'Server.ServerProxy.InvalidSignature',
      'The request body does not match its signed hash.',
    );
}

export function checkFreshness(envelope: RequestEnvelope, now: number): void {
  const age = now - Date.parse(envelope.createdAt);
  if (!(Math.abs(age) <= MESSAGE_MAX_AGE_MS)) {
    throw new ExchangeFault(
      'Server.ServerProxy.StaleMessage',
      'The request is too old (or from the future) to be accepted.',
    );
  }
}

export function checkSenderHostsClient(
  conf: GlobalConfiguration,
  senderNode: string,
  clientMember: string,
): void {
  const sendingNode = conf.nodes.find((node) => node.id === senderNode);
  if (!sendingNode?.members.includes(clientMember)) {
    throw new ExchangeFault(
      'Server.ServerProxy.SslAuthenticationFailed',
      'The client is not hosted on the node that sent the request.',
    );
  }
}
