import type { SignedEnvelope } from '../../protocol/batch-signing.ts';
import { ExchangeFault } from '../../protocol/errors.ts';
import type { NodeContext, NodeReply } from '../context.ts';
import type { MessageRoute } from './route.ts';

/** Hands the signed request to the provider's node; a node out of reach is a network fault. */
export async function deliver(
  context: NodeContext,
  route: MessageRoute,
  signed: SignedEnvelope,
  body: Buffer,
): Promise<NodeReply> {
  try {
    return await context.transport.send(
      route.providerNode,
      { requestJws: signed.token, body },
      context.options.exchangeTimeoutMs,
    );
  } catch (error) {
    if (error instanceof ExchangeFault) throw error;
    throw new ExchangeFault(
      'Server.ClientProxy.NetworkError',
      `The provider's node ${route.providerNode.id} could not be reached.`,
    );
  }
}
