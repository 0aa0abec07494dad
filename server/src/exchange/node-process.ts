import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../db/index.ts';
import {
  type Authenticate,
  type ConnectionLimits,
  DEFAULT_CONNECTION_LIMITS,
  httpErrors,
  httpServerOptions,
  installErrorHandling,
  installRequestGuards,
  metricsPlugin,
  routeAccessPlugin,
  sendRouteNotFound,
} from '../http/index.ts';
import { type ErrorTable, mergeErrorTables } from '../kernel/index.ts';
import type { Catalogue } from './catalogue.ts';
import { exchangeErrors } from './errors.ts';
import { type ExchangeNode, httpConfFetcher, servicesOfMembers, startExchangeNode } from './exchange-node.ts';
import { type NodeListener, startNodeListener } from './node/listener.ts';
import { nodeTlsCredentials, registerNode, registryAnchor } from './registry/central-registry.ts';
import { type ChangedBy, exchangePlugin } from './routes.ts';
import type { ExchangeServiceDefinition } from './service-definition.ts';
import type { ExchangeTables } from './tables.ts';

export interface NodeProcessOptions {
  nodeId: string;
  /** Port of the mutual-TLS listener for other nodes. */
  port: number;
  /** Where other nodes reach the listener; default 127.0.0.1. */
  host?: string;
  /** The members hosted here; when absent, those the registry already lists for this node. */
  members?: readonly string[];
  /** The central registry's base URL (it serves `GET /exchange/global-conf`). */
  registryUrl: string;
  /** The instance's members and subsystems (from its configuration). */
  catalogue: Catalogue;
  /** Every register service of the instance by full id (the composition's); those of the members hosted are served. */
  services: ReadonlyMap<string, ExchangeServiceDefinition>;
  /** Port of the information systems' HTTP interface (`/r1/…`); none when absent. */
  clientPort?: number;
  clientHost?: string;
  /** How often the global configuration is fetched again. */
  confRefreshMs?: number;
  exchangeTimeoutMs?: number;
  serviceTimeoutMs?: number;
  /** Request and connection timeouts of the `/r1/…` interface (default: the platform's defaults). */
  limits?: ConnectionLimits;
  /** Proves the caller of the access-rights and monitoring routes (the platform's eID tokens). */
  authenticate: Authenticate;
  /** Who made an audited change through the operator's API (the signed-in caller). */
  changedBy: ChangedBy;
  /** Every context's error codes (the composition's merged table); by default the exchange's and HTTP's. */
  problemTable?: ErrorTable;
  report: (error: unknown) => void;
}

export interface NodeProcess {
  node: ExchangeNode;
  listener: NodeListener;
  /** The `/r1/…` interface, when a client port was asked for. */
  clientApi: FastifyInstance | null;
  /** Where other nodes reach this node. */
  address: string;
  close(): Promise<void>;
}

/**
 * A node split out of the platform (`civitas node`): it registers its address and members with
 * the central registry, which issues its TLS certificate from the platform CA; it then follows the
 * registry's published configuration, answers other nodes over mutual TLS, and serves its hosted
 * clients' information systems on a plain HTTP port.
 *
 * The registry and the node share one PostgreSQL database in this demo: the node's certificate
 * and its members' signing keys are read from it, as is the registry's anchor certificate (which
 * in X-Road an operator installs by hand).
 */
export async function startNodeProcess(
  connection: Connection,
  options: NodeProcessOptions,
): Promise<NodeProcess> {
  const db = tablesOf<ExchangeTables>(connection);
  const host = options.host ?? '127.0.0.1';
  let members = options.members;
  if (!members) {
    const registered = await db
      .selectFrom('exchange.nodes')
      .select('members')
      .where('node_id', '=', options.nodeId)
      .executeTakeFirst();
    members = registered?.members ?? [];
  }
  if (members.length === 0) {
    throw new Error(`node ${options.nodeId} hosts no members: name them with --members`);
  }
  // The address is registered before the listener starts (it needs the certificate the
  // registration issues), so the port must be a real one.
  if (!(options.port > 0 && options.port <= 65535)) throw new Error('a node needs a fixed port (1-65535)');
  const address = `https://${host}:${options.port}`;
  await registerNode(db, {
    nodeId: options.nodeId,
    address,
    members,
    hostnames: ['localhost'],
    ipAddresses: [host === 'localhost' ? '127.0.0.1' : host],
  });
  const tls = await nodeTlsCredentials(db, options.nodeId);
  const node = await startExchangeNode(db, {
    nodeId: options.nodeId,
    members,
    services: servicesOfMembers(options.services, members),
    conf: {
      anchorCertificatePem: await registryAnchor(db),
      fetch: httpConfFetcher(options.registryUrl),
      refreshMs: options.confRefreshMs ?? 60_000,
    },
    tls,
    ...(options.exchangeTimeoutMs !== undefined && { exchangeTimeoutMs: options.exchangeTimeoutMs }),
    ...(options.serviceTimeoutMs !== undefined && { serviceTimeoutMs: options.serviceTimeoutMs }),
    report: options.report,
  });
  const status = node.conf.status();
  if (!status.valid) {
    await node.close();
    throw new Error(
      `no global configuration from the registry at ${options.registryUrl} (${status.lastError ?? 'unknown'}): is it running?`,
    );
  }
  let listener: NodeListener;
  try {
    listener = await startNodeListener(node.context, { credentials: tls, port: options.port, host });
  } catch (error) {
    await node.close();
    throw error;
  }
  let clientApi: FastifyInstance | null = null;
  if (options.clientPort !== undefined) {
    clientApi = await buildClientApi(db, { ...node, catalogue: options.catalogue }, options, options.limits);
    await clientApi.listen({ host: options.clientHost ?? '127.0.0.1', port: options.clientPort });
  }
  return {
    node,
    listener,
    clientApi,
    address,
    async close() {
      await clientApi?.close();
      await listener.close();
      await node.close();
    },
  };
}

/** The information systems' side of a node: `/r1/…`, the directory, health, access rights. */
async function buildClientApi(
  db: Kysely<ExchangeTables>,
  node: ExchangeNode & { catalogue: Catalogue },
  access: { authenticate: Authenticate; changedBy: ChangedBy; problemTable?: ErrorTable | undefined },
  limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS,
): Promise<FastifyInstance> {
  const app = Fastify({ ...httpServerOptions(limits), logger: false });
  installErrorHandling(
    app,
    access.problemTable ?? mergeErrorTables({ http: httpErrors, exchange: exchangeErrors }),
  );
  installRequestGuards(app);
  await app.register(routeAccessPlugin, { authenticate: access.authenticate });
  await app.register(metricsPlugin);
  await app.register(exchangePlugin, { db, exchange: node, changedBy: access.changedBy });
  app.setNotFoundHandler(sendRouteNotFound);
  await app.ready();
  return app;
}
