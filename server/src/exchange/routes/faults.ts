import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NodeReply } from '../node/context.ts';
import { ExchangeFault } from '../protocol/errors.ts';

/** A node's answer, as it is: status, headers, body bytes. */
export function sendReply(reply: FastifyReply, answer: NodeReply) {
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

/** An information system gets the exchange's own fault form, never problem+json. */
export function sendFault(reply: FastifyReply, fault: ExchangeFault) {
  return reply
    .code(fault.status)
    .header('x-road-error', fault.type)
    .type('application/json')
    .send({ type: fault.type, message: fault.message, detail: 'unknown' });
}

/**
 * Admits only the information systems at the given addresses. Anyone who reaches the client
 * interface can speak for the node's hosted clients, so it is never open to the world (X-Road's
 * security server keeps it on an internal network).
 */
export function informationSystemGuard(addresses: readonly string[]) {
  const allowed = new Set(addresses);
  return async function refuseUnknownSystems(request: FastifyRequest, reply: FastifyReply) {
    const address = (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    if (allowed.has(address)) return;
    request.log.warn({ event: 'exchange.client-refused', address }, 'information system not allowed');
    return sendFault(
      reply,
      new ExchangeFault(
        'Server.ClientProxy.InformationSystemNotAllowed',
        'This node does not accept requests from your address.',
      ),
    );
  };
}
