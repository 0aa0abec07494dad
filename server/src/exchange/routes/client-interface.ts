import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import { isSubsystemId, METASERVICES } from '../directory/metaservices.ts';
import type { LocalExchange } from '../local-node.ts';
import type { NodeReply } from '../node/context.ts';
import { ExchangeFault } from '../protocol/errors.ts';
import { answerDirectory } from './directory.ts';
import { sendFault, sendReply } from './faults.ts';

function exchangeMetrics(app: FastifyInstance) {
  const registers = [app.metricsRegistry];
  const messages = new Counter({
    name: 'civitas_exchange_messages_total',
    help: 'Messages through the exchange node, by service and outcome',
    labelNames: ['service', 'status', 'fault'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'civitas_exchange_duration_seconds',
    help: 'Time from a client request to its answer, through both nodes',
    labelNames: ['service'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers,
  });
  return (service: string, answer: NodeReply, started: number) => {
    const fault = answer.headers['x-road-error'] ?? '';
    // A malformed request names no real service: one label for them all, not one per guess.
    const label = fault.startsWith('Client.') ? 'invalid' : service;
    messages.inc({ service: label, status: String(answer.status), fault });
    latency.observe({ service: label }, (performance.now() - started) / 1000);
  };
}

/** An information system gets the exchange's own error form, even for a body it cannot send. */
function unreadableRequest(error: { code?: string }, request: FastifyRequest, reply: FastifyReply) {
  const fault =
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? new ExchangeFault('Client.PayloadTooLarge', 'The request body is larger than the node accepts.')
      : new ExchangeFault('Client.BadRequest', 'The request could not be read.');
  request.log.info({ fault: fault.type, cause: error.code }, 'exchange request refused');
  return sendFault(reply, fault);
}

/** `/r1/{instance}/{class}/{member}/{subsystem}/{service}[/path]`, split as X-Road reads it. */
function readR1Url(url: string) {
  const [pathPart, query = ''] = url.split('?') as [string, string | undefined];
  const segments = pathPart.slice('/r1/'.length).split('/');
  return {
    segments,
    subsystem: segments.slice(0, 4).join('/'),
    service: segments.slice(0, 5).join('/'),
    rest: `/${segments.slice(5).join('/')}`,
    query,
  };
}

/** The node's interface for information systems (X-Road REST `/r1/…`), in its own scope. */
export function clientInterface(
  exchange: LocalExchange,
  admit: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
) {
  return async function r1Routes(r1: FastifyInstance): Promise<void> {
    const observe = exchangeMetrics(r1);
    r1.addHook('onRequest', admit);
    // Bodies go through untouched, whatever their type: they are signed by hash.
    r1.removeAllContentTypeParsers();
    r1.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    r1.setErrorHandler(unreadableRequest);

    r1.all('/r1/*', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const { segments, subsystem, service, rest, query } = readR1Url(request.url);
      const fifth = segments[4] ?? '';
      if (segments.length === 5 && METASERVICES.has(fifth) && isSubsystemId(subsystem)) {
        return answerDirectory(exchange, request, reply, {
          subsystem,
          method: fifth,
          query: new URLSearchParams(query),
        });
      }
      const started = performance.now();
      const answer = await exchange.consume({
        method: request.method,
        service,
        path: rest,
        query,
        headers: request.headers,
        body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      });
      observe(service, answer, started);
      const fault = answer.headers['x-road-error'];
      if (fault) request.log.info({ fault, messageId: answer.headers['x-road-id'] }, 'exchange fault');
      return sendReply(reply, answer);
    });
  };
}
