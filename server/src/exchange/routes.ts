import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { Counter, Histogram } from 'prom-client';
import type { Database } from '../db/schema.ts';
import { AppError } from '../kernel/errors.ts';
import { unknownCodeIn } from '../kernel/purposes.ts';
import {
  allowedMethods,
  getOpenApi,
  isSubsystemId,
  listClients,
  listMethods,
  METASERVICES,
} from './directory/metaservices.ts';
import { parseSubsystemId } from './ids.ts';
import type { LocalExchange } from './local-node.ts';
import { accessRightView, type NewAccessRight } from './node/access-rights.ts';
import type { NodeReply } from './node/context.ts';
import { ExchangeFault } from './protocol/errors.ts';
import { globalConfPublication } from './registry/publication.ts';
import { RegistryView, registryView } from './registry/registry-view.ts';

export interface ExchangePluginOptions {
  db: Kysely<Database>;
  exchange: LocalExchange;
  /**
   * Addresses of the information systems that may use this node's client interface. Anyone who
   * reaches it can speak for the node's hosted clients, so it is never open to the world: by
   * default only this machine (X-Road's security server keeps it on an internal network).
   */
  clientAddresses?: readonly string[];
}

function sendReply(reply: FastifyReply, answer: NodeReply) {
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

function sendFault(reply: FastifyReply, fault: ExchangeFault) {
  return reply
    .code(fault.status)
    .header('x-road-error', fault.type)
    .type('application/json')
    .send({ type: fault.type, message: fault.message, detail: 'unknown' });
}

/**
 * The node's interface for information systems (X-Road REST: `/r1/…`), its directory
 * metaservices, health, and the operator's API (access rights, monitoring).
 */
export async function exchangePlugin(app: FastifyInstance, options: ExchangePluginOptions): Promise<void> {
  const { exchange } = options;
  const allowedClients = new Set(options.clientAddresses ?? ['127.0.0.1', '::1']);
  const refuseUnknownSystems = async (request: FastifyRequest, reply: FastifyReply) => {
    const address = (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    if (allowedClients.has(address)) return;
    request.log.warn({ event: 'exchange.client-refused', address }, 'information system not allowed');
    return sendFault(
      reply,
      new ExchangeFault(
        'Server.ClientProxy.InformationSystemNotAllowed',
        'This node does not accept requests from your address.',
      ),
    );
  };
  const registry = app.metricsRegistry;
  const messages = new Counter({
    name: 'civitas_exchange_messages_total',
    help: 'Messages through the exchange node, by service and outcome',
    labelNames: ['service', 'status', 'fault'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'civitas_exchange_duration_seconds',
    help: 'Time from a client request to its answer, through both nodes',
    labelNames: ['service'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });

  await app.register(async (r1) => {
    // Bodies go through untouched, whatever their type: they are signed by hash.
    r1.addHook('onRequest', refuseUnknownSystems);
    r1.removeAllContentTypeParsers();
    r1.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    // An information system gets the exchange's own error form, even for a body it cannot send.
    r1.setErrorHandler((error: { code?: string }, request, reply) => {
      const fault =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? new ExchangeFault('Client.PayloadTooLarge', 'The request body is larger than the node accepts.')
          : new ExchangeFault('Client.BadRequest', 'The request could not be read.');
      request.log.info({ fault: fault.type, cause: error.code }, 'exchange request refused');
      return sendFault(reply, fault);
    });

    r1.all('/r1/*', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const [pathPart, query = ''] = request.url.split('?') as [string, string | undefined];
      const segments = pathPart.slice('/r1/'.length).split('/');
      const subsystem = segments.slice(0, 4).join('/');
      const fifth = segments[4] ?? '';
      if (segments.length === 5 && METASERVICES.has(fifth) && isSubsystemId(subsystem)) {
        return directory(request, reply, subsystem, fifth, new URLSearchParams(query));
      }
      const service = segments.slice(0, 5).join('/');
      const rest = `/${segments.slice(5).join('/')}`;
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const started = performance.now();
      const answer = await exchange.consume({
        method: request.method,
        service,
        path: rest,
        query,
        headers: request.headers,
        body,
      });
      const fault = answer.headers['x-road-error'] ?? '';
      messages.inc({
        service: fault.startsWith('Client.') ? 'invalid' : service,
        status: String(answer.status),
        fault,
      });
      latency.observe(
        { service: fault.startsWith('Client.') ? 'invalid' : service },
        (performance.now() - started) / 1000,
      );
      if (fault) request.log.info({ fault, messageId: answer.headers['x-road-id'] }, 'exchange fault');
      return sendReply(reply, answer);
    });
  });

  async function directory(
    request: FastifyRequest,
    reply: FastifyReply,
    subsystem: string,
    method: string,
    query: URLSearchParams,
  ) {
    let conf: ReturnType<typeof exchange.context.trust.conf>;
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
    if (!document) {
      return sendFault(
        reply,
        new ExchangeFault(
          'Server.ClientProxy.UnknownService',
          `No service ${subsystem}/${serviceCode ?? ''}.`,
        ),
      );
    }
    return document;
  }

  app.post(
    '/exchange/prefill',
    {
      onRequest: refuseUnknownSystems,
      schema: {
        tags: ['exchange'],
        summary:
          'Once-only: many register services for one data subject in one request, in parallel (X-Road headers apply)',
        body: Type.Object(
          {
            dataSubject: Type.Optional(Type.String({ maxLength: 64 })),
            timeoutMs: Type.Optional(Type.Integer({ minimum: 50, maximum: 30_000 })),
            requests: Type.Array(
              Type.Object(
                {
                  key: Type.String({ minLength: 1, maxLength: 64 }),
                  service: Type.String({ maxLength: 300 }),
                  path: Type.String({ maxLength: 500, pattern: '^/' }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 20 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const body = request.body as {
        dataSubject?: string;
        timeoutMs?: number;
        requests: Array<{ key: string; service: string; path: string }>;
      };
      const headers = {
        ...request.headers,
        ...(body.dataSubject ? { 'x-road-data-subject': body.dataSubject } : {}),
      };
      const timeoutMs = body.timeoutMs ?? 3_000;
      const results = await Promise.all(
        body.requests.map(async (item) => {
          const started = performance.now();
          let timer: NodeJS.Timeout | undefined;
          const deadline = new Promise<null>((resolve) => {
            timer = setTimeout(() => resolve(null), timeoutMs);
          });
          const answer = await Promise.race([
            exchange.consume({
              method: 'GET',
              service: item.service,
              path: item.path,
              query: '',
              headers,
              body: Buffer.alloc(0),
            }),
            deadline,
          ]);
          clearTimeout(timer);
          const durationMs = Math.round(performance.now() - started);
          if (!answer)
            return { key: item.key, service: item.service, status: 'timeout' as const, durationMs };
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(answer.body.toString('utf8'));
          } catch {
            parsed = null;
          }
          const fault = answer.headers['x-road-error'];
          return {
            key: item.key,
            service: item.service,
            status: answer.status === 200 ? ('ok' as const) : ('failed' as const),
            httpStatus: answer.status,
            messageId: answer.headers['x-road-id'],
            ...(fault ? { fault } : {}),
            body: parsed,
            durationMs,
          };
        }),
      );
      return {
        results,
        failed: results.filter((result) => result.status !== 'ok').map((result) => result.key),
      };
    },
  );

  app.get(
    '/api/exchange/monitoring',
    {
      config: { access: { roles: ['admin', 'auditor'] } },
      schema: {
        tags: ['exchange'],
        summary: 'Operational monitoring: messages, latency percentiles and errors per service',
        querystring: Type.Object({ minutes: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$' })) }),
      },
    },
    async (request) => {
      const minutes = Math.min(10_080, Number((request.query as { minutes?: string }).minutes ?? 60));
      const since = new Date(Date.now() - minutes * 60_000);
      const rows = await sql<{
        service: string;
        messages: number;
        errors: number;
        p50: number;
        p95: number;
        p99: number;
      }>`
        SELECT coalesce(service, '(invalid)') AS service, count(*)::int AS messages,
          count(*) FILTER (WHERE error_type IS NOT NULL)::int AS errors,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
          percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95,
          percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99
        FROM exchange.message_log
        WHERE side = 'consumer' AND node_id = ${exchange.context.trust.nodeId} AND started_at >= ${since}
        GROUP BY 1 ORDER BY 1`.execute(options.db);
      return { node: exchange.context.trust.nodeId, since: since.toISOString(), services: rows.rows };
    },
  );

  // When the central registry runs in this process, the nodes started with `civitas node`
  // fetch its signed global configuration here.
  const publish = exchange.publishConfiguration;
  if (publish) await app.register(globalConfPublication, { publish });

  app.get(
    '/listClients',
    {
      schema: { tags: ['exchange'], summary: 'Members and subsystems of the exchange (X-Road metaservice)' },
    },
    async (_request, reply) => {
      try {
        return listClients(exchange.context.trust.conf('consumer'));
      } catch (error) {
        return sendFault(reply, error as ExchangeFault);
      }
    },
  );

  app.get(
    '/exchange/health',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['exchange'],
        summary: 'Node health: keys loaded, global configuration valid, database reachable',
      },
    },
    async (_request, reply) => {
      const conf = exchange.conf.status();
      const keys = exchange.context.trust.hostedMembers();
      let database = true;
      try {
        await exchange.context.rights.list();
      } catch {
        database = false;
      }
      const healthy = conf.valid && keys.length > 0 && database;
      return reply.code(healthy ? 200 : 503).send({
        status: healthy ? 'ok' : 'failing',
        node: exchange.context.trust.nodeId,
        keysLoaded: keys.length,
        globalConfiguration: conf,
        database: database ? 'ok' : 'failing',
      });
    },
  );

  const Pair = Type.Object(
    {
      purpose: Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'a purpose code, e.g. address-verification',
      }),
      legalBasis: Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'a legal basis code, e.g. civil-registration-act-art-106',
      }),
    },
    { additionalProperties: false },
  );
  const AccessRightBody = Type.Object(
    {
      client: Type.String({ minLength: 3, maxLength: 300 }),
      serviceId: Type.String({ minLength: 3, maxLength: 300 }),
      endpoint: Type.Optional(
        Type.Union([Type.String({ pattern: '^(GET|POST) /.*$', maxLength: 300 }), Type.Null()]),
      ),
      pairs: Type.Array(Pair, { minItems: 1, maxItems: 50 }),
    },
    { additionalProperties: false },
  );
  const AccessRightView = Type.Object({
    id: Type.String(),
    client: Type.String(),
    serviceId: Type.String(),
    endpoint: Type.Union([Type.String(), Type.Null()]),
    pairs: Type.Array(Pair),
    grantedAt: Type.String({ format: 'date-time' }),
  });
  app.get(
    '/api/exchange/registry',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['exchange'],
        summary:
          'The exchange as the admin console shows it: members, their subsystems and services, nodes, and the purpose and legal basis codes a right can grant (admin)',
        response: { 200: RegistryView },
      },
    },
    async (_request, reply) => {
      let conf: ReturnType<typeof exchange.context.trust.conf>;
      try {
        conf = exchange.context.trust.conf('consumer');
      } catch {
        throw new AppError('register-unavailable', "The node's global configuration is not valid now.");
      }
      return reply.send(registryView(conf, exchange.context.services));
    },
  );
  app.get(
    '/api/exchange/access-rights',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['exchange'],
        summary: 'Access rights on this node: purpose–basis pairs per client and service (admin)',
        response: { 200: Type.Object({ items: Type.Array(AccessRightView) }) },
      },
    },
    async () => ({ items: (await exchange.context.rights.list()).map(accessRightView) }),
  );
  app.post(
    '/api/exchange/access-rights',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['exchange'],
        summary: 'Grant an access right: purpose–basis pairs for a client on a service (admin, audited)',
        body: AccessRightBody,
        response: { 201: AccessRightView },
      },
    },
    async (request, reply) => {
      const body = request.body as NewAccessRight;
      const knownClient = body.client.startsWith('group:') || parseSubsystemId(body.client) !== null;
      if (!knownClient || !exchange.context.services.has(body.serviceId)) {
        throw new AppError(
          'validation-failed',
          'The client must be a subsystem id or group:CODE, and the service one this node provides.',
        );
      }
      const unknown = body.pairs.map(unknownCodeIn).find((problem) => problem !== null);
      if (unknown) throw new AppError('validation-failed', `${unknown} of the catalogue (docs/exchange.md).`);
      const right = await exchange.context.rights.grant(body, request.principal!.subject);
      return reply.code(201).send(accessRightView(right));
    },
  );
  app.delete(
    '/api/exchange/access-rights/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['exchange'],
        summary: 'Revoke an access right (admin, audited)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      const removed = await exchange.context.rights.revoke(
        (request.params as { id: string }).id,
        request.principal!.subject,
      );
      if (!removed) throw new AppError('route-not-found', 'No access right with this id.');
      return reply.code(204).send();
    },
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's exchange node. */
    exchange: LocalExchange;
  }
}
