import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { registerServiceDefinitions } from './catalogue.ts';
import { GlobalConfigurationCache } from './global-conf/cache.ts';
import { AccessRights } from './node/access-rights.ts';
import { type ClientRequest, consume } from './node/consumer.ts';
import type { NodeContext, NodeReply, NodeTransport } from './node/context.ts';
import { type BodyLogging, MessageLog } from './node/message-log.ts';
import { provide } from './node/provider.ts';
import { ReplayGuard } from './node/replay-guard.ts';
import { NodeTrust } from './node/trust.ts';
import {
  ensureExchangeSetup,
  loadSigners,
  publishGlobalConfiguration,
  registryAnchor,
} from './registry/central-registry.ts';
import type { ExchangeServiceDefinition } from './service-definition.ts';

export interface LocalExchangeOptions {
  nodeId?: string;
  address: string;
  bodyLogging?: BodyLogging;
  serviceTimeoutMs?: number;
  exchangeTimeoutMs?: number;
  /** How long a published global configuration is valid (X-Road's default: 10 minutes). */
  confValidityMs?: number;
  /** Extra services (tests: a slow or broken provider). */
  extraServices?: ReadonlyMap<string, ExchangeServiceDefinition>;
  report: (error: unknown) => void;
}

export interface LocalExchange {
  context: NodeContext;
  conf: GlobalConfigurationCache;
  /** A client information system's call through this node. */
  consume(request: ClientRequest): Promise<NodeReply>;
  close(): Promise<void>;
}

/**
 * `npm start`'s exchange: one node hosting every member, with the central registry in the same
 * process. Messages still go the whole way: signed by the client's member, verified, checked
 * against access rights, answered, signed by the provider, verified, and logged on both sides.
 */
export async function startLocalExchange(
  db: Kysely<Database>,
  options: LocalExchangeOptions,
): Promise<LocalExchange> {
  const nodeId = options.nodeId ?? 'node-1';
  const services = new Map([...registerServiceDefinitions(db), ...(options.extraServices ?? [])]);
  await ensureExchangeSetup(db, services, { nodeId, address: options.address, hostnames: ['localhost'] });
  const validity = options.confValidityMs ?? 10 * 60_000;
  const conf = new GlobalConfigurationCache({
    anchorCertificatePem: await registryAnchor(db),
    fetch: () => publishGlobalConfiguration(db, validity),
    refreshMs: Math.min(60_000, Math.max(1_000, Math.floor(validity / 3))),
  });
  await conf.start();
  const hosted = conf.current()?.nodes.find((node) => node.id === nodeId)?.members ?? [];
  const trust = new NodeTrust(nodeId, conf, await loadSigners(db, hosted));
  const transport: NodeTransport = {
    async send(node, message) {
      if (node.id !== nodeId) throw new Error(`node ${nodeId} runs in process and cannot reach ${node.id}`);
      return provide(context, { kind: 'self' }, message);
    },
  };
  const log = new MessageLog(db, options.bodyLogging ?? 'metadata');
  const context: NodeContext = {
    trust,
    services,
    rights: new AccessRights(db),
    log,
    replay: await ReplayGuard.load(db, nodeId),
    transport,
    options: {
      serviceTimeoutMs: options.serviceTimeoutMs ?? 5_000,
      exchangeTimeoutMs: options.exchangeTimeoutMs ?? 10_000,
    },
    report: options.report,
  };
  return {
    context,
    conf,
    consume: (request) => consume(context, request),
    async close() {
      conf.stop();
      await log.drain();
    },
  };
}
