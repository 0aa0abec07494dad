import type { NodeContext, NodeMessage, NodeReply } from './context.ts';
import { checkFirstUse, findService } from './provider/admit.ts';
import { answerRequest, signedAnswer } from './provider/answer.ts';
import { type MessageSender, ProviderTrail } from './provider/trail.ts';
import {
  checkBodyHash,
  checkFreshness,
  checkSenderHostsClient,
  identifySender,
  verifySignature,
} from './provider/verify-request.ts';

export type { MessageSender } from './provider/trail.ts';

/**
 * The provider's node (X-Road's server proxy): admits a message only from a registered node,
 * signed by the client's member, fresh, used once, and covered by an access right for its
 * purpose and legal basis; then asks the register and signs the answer. Each step throws the
 * `ExchangeFault` that answers the consumer's node; the trail logs the message however it ends.
 */
export async function provide(
  context: NodeContext,
  sender: MessageSender,
  message: NodeMessage,
): Promise<NodeReply> {
  const trail = new ProviderTrail(context, sender, message);
  try {
    const conf = context.trust.conf('provider');
    const senderNode = await identifySender(context, conf, sender);
    const { envelope, clientMember } = await verifySignature(trail, conf);
    checkBodyHash(message.body, envelope);
    checkFreshness(envelope, trail.started);
    checkSenderHostsClient(conf, senderNode, clientMember);
    const { service, providerMember } = findService(context, envelope);
    checkFirstUse(context, envelope);
    const answer = await answerRequest(trail, conf, service, envelope);
    return await signedAnswer(trail, providerMember, answer);
  } catch (error) {
    return trail.failed(error);
  }
}
