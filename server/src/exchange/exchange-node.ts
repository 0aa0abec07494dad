import { type Connection, tablesOf } from '../db/index.ts';
import { GlobalConfigurationCache } from './global-conf/cache.ts';
import { AccessRights } from './node/access-rights.ts';
import { type ClientRequest, consume } from './node/consumer.ts';
import type { NodeContext, NodeReply, NodeTransport } from './node/context.ts';
import { type HttpsTransport, httpsTransport } from './node/https-transport.ts';
import { type BodyLogging, MessageLog } from './node/message-log.ts';
import { provide } from './node/provider.ts';
import { ReplayGuard } from './node/replay-guard.ts';
import type { RepresentationCheck } from './node/representation.ts';
import { NodeTrust } from './node/trust.ts';
import type { MutualTlsCredentials } from './pki/tls.ts';
import { loadSigners } from './registry/central-registry.ts';
import { GLOBAL_CONF_PATH } from './registry/publication.ts';
import type { ExchangeServiceDefinition } from './service-definition.ts';
import type { ExchangeTables } from './tables.ts';

export interface ExchangeNodeOptions {
  nodeId: string;
  /** The members whose signing keys this node holds (it signs and answers for them). */
  members: readonly string[];
  /** The register services this node provides (for its hosted members). */
  services: ReadonlyMap<string, ExchangeServiceDefinition>;
  /** Where the signed global configuration comes from, and the registry certificate it must verify against. */
  conf: { anchorCertificatePem: string; fetch: () => Promise<string>; refreshMs: number };
  /** This node's TLS credentials, to reach other nodes; without them it reaches only itself. */
  tls?: MutualTlsCredentials;
  bodyLogging?: BodyLogging;
  serviceTimeoutMs?: number;
  exchangeTimeoutMs?: number;
  /** How the provider side checks `X-Road-Represented-Party` (the commercial register's answer). */
  representation?: RepresentationCheck;
  report: (error: unknown) => void;
}

export interface ExchangeNode {
  context: NodeContext;
  conf: GlobalConfigurationCache;
  /** A client information system's call through this node. */
  consume(request: ClientRequest): Promise<NodeReply>;
  close(): Promise<void>;
}

/**
 * One node (X-Road's security server): the members it hosts, the services it provides, its copy
 * of the global configuration, and a transport that hands a message to itself in process when it
 * is also the provider's node, and otherwise sends it over HTTPS with mutual TLS.
 */
export async function startExchangeNode(
  connection: Connection,
  options: ExchangeNodeOptions,
): Promise<ExchangeNode> {
  const db = tablesOf<ExchangeTables>(connection);
  const { nodeId } = options;
  const conf = new GlobalConfigurationCache(options.conf);
  await conf.start();
  const trust = new NodeTrust(nodeId, conf, await loadSigners(db, options.members));
  const remote: HttpsTransport | null = options.tls ? httpsTransport(options.tls) : null;
  const transport: NodeTransport = {
    async send(node, message, timeoutMs) {
      if (node.id === nodeId) return provide(context, { kind: 'self' }, message);
      if (!remote) throw new Error(`node ${nodeId} has no TLS credentials to reach ${node.id}`);
      return remote.send(node, message, timeoutMs);
    },
  };
  const log = new MessageLog(db, options.bodyLogging ?? 'metadata');
  const context: NodeContext = {
    trust,
    services: options.services,
    rights: new AccessRights(db),
    log,
    replay: await ReplayGuard.load(db, nodeId),
    transport,
    options: {
      serviceTimeoutMs: options.serviceTimeoutMs ?? 5_000,
      exchangeTimeoutMs: options.exchangeTimeoutMs ?? 10_000,
    },
    ...(options.representation && { representation: options.representation }),
    report: options.report,
  };
  return {
    context,
    conf,
    consume: (request) => consume(context, request),
    async close() {
      conf.stop();
      remote?.close();
      await log.drain();
    },
  };
}

/** The services of the given members, out of all the registers' services. */
export function servicesOfMembers(
  services: ReadonlyMap<string, ExchangeServiceDefinition>,
  members: readonly string[],
): Map<string, ExchangeServiceDefinition> {
  return new Map(
    [...services].filter(([serviceId]) => members.includes(serviceId.split('/').slice(0, 3).join('/'))),
  );
}

/** Fetches the registry's published global configuration over HTTP (it is signed, so HTTP suffices). */
export function httpConfFetcher(registryUrl: string, timeoutMs = 5_000): () => Promise<string> {
  const url = new URL(GLOBAL_CONF_PATH, registryUrl).toString();
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.text();
  };
}
