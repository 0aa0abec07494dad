import { Monitoring } from '@civitas/contracts/api/exchange-admin.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Connection } from '../../db/index.ts';
import { listClients } from '../directory/metaservices.ts';
import type { LocalExchange } from '../local-node.ts';
import { serviceStatistics } from '../node/monitoring.ts';
import type { ExchangeFault } from '../protocol/errors.ts';
import { sendFault } from './faults.ts';

/** The node's health: keys loaded, global configuration valid, database reachable. */
async function health(exchange: LocalExchange) {
  const conf = exchange.conf.status();
  const keys = exchange.context.trust.hostedMembers();
  let database = true;
  try {
    await exchange.context.rights.list();
  } catch {
    database = false;
  }
  return {
    healthy: conf.valid && keys.length > 0 && database,
    node: exchange.context.trust.nodeId,
    keysLoaded: keys.length,
    globalConfiguration: conf,
    database: database ? ('ok' as const) : ('failing' as const),
  };
}

/** X-Road's operational monitoring, for the operator and the auditors. */
export function monitoringRoute(app: FastifyInstance, db: Connection, exchange: LocalExchange): void {
  app.get(
    '/api/exchange/monitoring',
    {
      config: { access: { roles: ['admin', 'auditor'] } },
      schema: {
        tags: ['exchange'],
        summary: 'Operational monitoring: messages, latency percentiles and errors per service',
        querystring: Type.Object({ minutes: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$' })) }),
        response: { 200: Monitoring },
      },
    },
    async (request) => {
      const minutes = Math.min(10_080, Number((request.query as { minutes?: string }).minutes ?? 60));
      const since = new Date(Date.now() - minutes * 60_000);
      const node = exchange.context.trust.nodeId;
      return { node, since: since.toISOString(), services: await serviceStatistics(db, node, since) };
    },
  );
}

/** What other systems ask of the node: the exchange's members, and the node's health. */
export function nodeStatusRoutes(app: FastifyInstance, exchange: LocalExchange): void {
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
      const { healthy, ...facts } = await health(exchange);
      return reply.code(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'failing', ...facts });
    },
  );
}
