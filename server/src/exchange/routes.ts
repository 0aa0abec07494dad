import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Connection } from '../db/index.ts';
import type { LocalExchange } from './local-node.ts';
import { globalConfPublication } from './registry/publication.ts';
import { administrationRoutes, type ChangedBy } from './routes/administration.ts';
import { clientInterface } from './routes/client-interface.ts';
import { informationSystemGuard } from './routes/faults.ts';
import { monitoringRoute, nodeStatusRoutes } from './routes/operations.ts';
import { prefillRoute } from './routes/prefill.ts';

export type { ChangedBy } from './routes/administration.ts';

export interface ExchangePluginOptions {
  db: Connection;
  exchange: LocalExchange;
  /** Who made an audited change (granted or revoked a right): the signed-in caller's subject. */
  changedBy: ChangedBy;
  /**
   * Addresses of the information systems that may use this node's client interface. Anyone who
   * reaches it can speak for the node's hosted clients, so it is never open to the world: by
   * default only this machine (X-Road's security server keeps it on an internal network).
   */
  clientAddresses?: readonly string[];
}

/**
 * The node's interface for information systems (X-Road REST: `/r1/…`), its directory
 * metaservices, health, and the operator's API (access rights, monitoring).
 */
async function exchangeRoutes(app: FastifyInstance, options: ExchangePluginOptions): Promise<void> {
  const { db, exchange } = options;
  const admit = informationSystemGuard(options.clientAddresses ?? ['127.0.0.1', '::1']);
  await app.register(clientInterface(exchange, admit));
  prefillRoute(app, exchange, admit);
  monitoringRoute(app, db, exchange);
  // When the central registry runs in this process, the nodes started with `civitas node`
  // fetch its signed global configuration here.
  const publish = exchange.publishConfiguration;
  if (publish) await app.register(globalConfPublication, { publish });
  nodeStatusRoutes(app, exchange);
  administrationRoutes(app, exchange, options.changedBy);
}

/** The exchange context's routes, as one encapsulated plugin (hooks and parsers stay inside). */
export const exchangePlugin = fp(exchangeRoutes, {
  name: 'exchange',
  fastify: '5.x',
  dependencies: ['civitas-metrics', 'route-access'],
  encapsulate: true,
});

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's exchange node. */
    exchange: LocalExchange;
  }
}
