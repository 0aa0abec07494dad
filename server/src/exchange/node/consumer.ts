import { answerReply, faultPassedOn, providerFault, verifyAnswer } from './consumer/check-answer.ts';
import { deliver } from './consumer/deliver.ts';
import { readRequest } from './consumer/read-request.ts';
import { routeMessage } from './consumer/route.ts';
import { buildEnvelope, signRequest } from './consumer/sign-request.ts';
import { ConsumerTrail } from './consumer/trail.ts';
import type { ClientRequest, NodeContext, NodeReply } from './context.ts';

export type { ClientRequest } from './context.ts';

/**
 * The consumer's node (X-Road's client proxy): checks who is asking and why, signs the request
 * with the client member's key, sends it to the provider's node, and hands the answer back only
 * after checking its signature and its binding to this request. Each step throws the
 * `ExchangeFault` that answers the client; the trail logs the message however it ends.
 */
export async function consume(context: NodeContext, request: ClientRequest): Promise<NodeReply> {
  const trail = new ConsumerTrail(context, request.body.length);
  try {
    const asked = readRequest(request);
    const route = routeMessage(context, asked);
    const envelope = buildEnvelope(request, asked, route, trail.started);
    trail.envelope = envelope;
    const signed = await signRequest(context, route, envelope);
    trail.requestJws = signed.token;
    const { providerRecord, ...reply } = await deliver(context, route, signed, request.body);
    trail.providerRecord = providerRecord;
    const faultType = providerFault(reply);
    if (faultType) {
      await trail.log(reply, { errorType: faultType, requestHash: signed.hash });
      return faultPassedOn(reply, envelope);
    }
    const verified = await verifyAnswer(context, route, envelope, signed.hash, reply);
    await trail.log(reply, { requestHash: signed.hash, ...verified });
    return answerReply(reply, envelope, signed.hash);
  } catch (error) {
    return trail.failed(error);
  }
}
