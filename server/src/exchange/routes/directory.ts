import type { FastifyReply, FastifyRequest } from 'fastify';
import { allowedMethods, getOpenApi, listMethods } from '../directory/metaservices.ts';
import type { GlobalConfiguration } from '../global-conf/types.ts';
import { parseSubsystemId } from '../ids.ts';
import type { LocalExchange } from '../local-node.ts';
import { ExchangeFault } from '../protocol/errors.ts';
import { sendFault } from './faults.ts';

/** The metaservice being asked, and of which subsystem. */
export interface DirectoryQuery {
  subsystem: string;
  method: string;
  query: URLSearchParams;
}

/**
 * X-Road's directory metaservices under `/r1/{subsystem}/`: listMethods, allowedMethods (for
 * the client named in X-Road-Client) and getOpenAPI.
 */
export function answerDirectory(
  exchange: LocalExchange,
  request: FastifyRequest,
  reply: FastifyReply,
  { subsystem, method, query }: DirectoryQuery,
) {
  let conf: GlobalConfiguration;
  try {
    conf = exchange.context.trust.conf('consumer');
  } catch (error) {
    return sendFault(reply, error as ExchangeFault);
  }
  if (method === 'listMethods') return listMethods(exchange.context, subsystem);
  const clientHeader = request.headers['x-road-client'];
  const client = typeof clientHeader === 'string' ? parseSubsystemId(clientHeader) : null;
  if (!client) {
    return sendFault(
      reply,
      new ExchangeFault('Client.InvalidClientId', 'The X-Road-Client header must name a subsystem.'),
    );
  }
  if (method === 'allowedMethods')
    return allowedMethods(exchange.context, conf, subsystem, clientHeader as string);
  const serviceCode = query.get('serviceCode');
  const document = serviceCode ? getOpenApi(exchange.context, subsystem, serviceCode) : null;
  if (document) return document;
  return sendFault(
    reply,
    new ExchangeFault('Server.ClientProxy.UnknownService', `No service ${subsystem}/${serviceCode ?? ''}.`),
  );
}
