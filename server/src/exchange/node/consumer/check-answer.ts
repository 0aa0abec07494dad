import { type RequestEnvelope, type ResponseEnvelope, sha256 } from '../../protocol/envelope.ts';
import { ExchangeFault, type ExchangeFaultType, isExchangeFaultType } from '../../protocol/errors.ts';
import { type NodeContext, type NodeReply, RESPONSE_HEADER, RESPONSE_SIGNATURE_TYPE } from '../context.ts';
import type { MessageRoute } from './route.ts';

/** The fault the provider's node answered with, if any; only faults X-Road knows pass on. */
export function providerFault(reply: NodeReply): ExchangeFaultType | null {
  const faultType = reply.headers['x-road-error'];
  if (!faultType) return null;
  if (isExchangeFaultType(faultType)) return faultType;
  throw new ExchangeFault(
    'Server.ClientProxy.NetworkError',
    "The provider's node answered with an unknown fault.",
  );
}

/** The answer must be signed by the provider member, unaltered, and bound to this very request. */
export async function verifyAnswer(
  context: NodeContext,
  route: MessageRoute,
  envelope: RequestEnvelope,
  requestHash: string,
  reply: NodeReply,
): Promise<{ responseHash: string; responseSignature: string }> {
  const responseJws = reply.headers[RESPONSE_HEADER];
  const verified = responseJws
    ? context.trust.verifier.verifyWithHash<ResponseEnvelope>(
        responseJws,
        await context.trust.verificationKeys(route.conf, route.providerMember),
        RESPONSE_SIGNATURE_TYPE,
      )
    : null;
  const response = verified?.envelope ?? null;
  if (!response || response.status !== reply.status || response.bodyHash !== sha256(reply.body)) {
    throw new ExchangeFault(
      'Server.ClientProxy.InvalidSignature',
      "The provider's answer is not signed by the provider member, or was altered.",
    );
  }
  if (response.requestHash !== requestHash || response.requestId !== envelope.id) {
    throw new ExchangeFault(
      'Server.ClientProxy.RequestHashMismatch',
      "The provider's answer is not bound to this request.",
    );
  }
  return { responseHash: verified!.hash, responseSignature: responseJws! };
}

/** The verified answer as the client gets it: the register's body, the exchange's headers. */
export function answerReply(reply: NodeReply, envelope: RequestEnvelope, requestHash: string): NodeReply {
  return {
    status: reply.status,
    headers: {
      'content-type': reply.headers['content-type'] ?? 'application/json',
      'x-road-id': envelope.id,
      'x-road-client': envelope.client,
      'x-road-service': envelope.service,
      'x-road-request-hash': requestHash,
    },
    body: reply.body,
  };
}

/** A provider's fault as the client gets it, under this message's id. */
export function faultPassedOn(reply: NodeReply, envelope: RequestEnvelope): NodeReply {
  return { ...reply, headers: { ...reply.headers, 'x-road-id': envelope.id } };
}
