import { type Connection, tablesOf } from '../db/index.ts';
import type { Catalogue } from './catalogue.ts';
import { type ExchangeNode, startExchangeNode } from './exchange-node.ts';
import type { BodyLogging } from './node/message-log.ts';
import type { RepresentationCheck } from './node/representation.ts';
import {
  ensureExchangeSetup,
  nodeTlsCredentials,
  publishGlobalConfiguration,
  type RegistrySetup,
  registryAnchor,
} from './registry/central-registry.ts';
import type { ExchangeServiceDefinition } from './service-definition.ts';
import type { ExchangeTables } from './tables.ts';

export interface LocalExchangeOptions extends RegistrySetup {
  nodeId?: string;
  address: string;
  bodyLogging?: BodyLogging;
  serviceTimeoutMs?: number;
  exchangeTimeoutMs?: number;
  /** How long a published global configuration is valid (X-Road's default: 10 minutes). */
  confValidityMs?: number;
  /** How often the node fetches a fresh configuration (default: a third of the validity, 1 s to 1 min). */
  confRefreshMs?: number;
  /** Extra services (tests: a slow or broken provider). */
  extraServices?: ReadonlyMap<string, ExchangeServiceDefinition>;
  /** How the node checks `X-Road-Represented-Party` (the commercial register's answer). */
  representation?: RepresentationCheck;
  report: (error: unknown) => void;
}

/** A node, and when the central registry runs in the same process, its publication. */
export interface LocalExchange extends ExchangeNode {
  /** The instance's members and subsystems: how a client turns a subsystem's service into its full id. */
  catalogue: Catalogue;
  /** The central registry's signed global configuration, freshly published (served to other nodes). */
  publishConfiguration?: () => Promise<string>;
}

/**
 * `npm start`'s exchange: one node hosting every member, with the central registry in the same
 * process. Messages still go the whole way: signed by the client's member, verified, checked
 * against access rights, answered, signed by the provider, verified, and logged on both sides.
 */
export async function startLocalExchange(
  connection: Connection,
  options: LocalExchangeOptions,
): Promise<LocalExchange> {
  const db = tablesOf<ExchangeTables>(connection);
  const nodeId = options.nodeId ?? 'node-1';
  const services = new Map([...options.services, ...(options.extraServices ?? [])]);
  await ensureExchangeSetup(
    db,
    { catalogue: options.catalogue, services, defaultClients: options.defaultClients },
    { nodeId, address: options.address, hostnames: ['localhost'] },
  );
  const validity = options.confValidityMs ?? 10 * 60_000;
  const publishConfiguration = () => publishGlobalConfiguration(db, validity);
  const hosted =
    (await db.selectFrom('exchange.nodes').select('members').where('node_id', '=', nodeId).executeTakeFirst())
      ?.members ?? [];
  const node = await startExchangeNode(db, {
    nodeId,
    members: hosted,
    services,
    conf: {
      anchorCertificatePem: await registryAnchor(db),
      fetch: publishConfiguration,
      refreshMs: options.confRefreshMs ?? Math.min(60_000, Math.max(1_000, Math.floor(validity / 3))),
    },
    // Every member is hosted here unless `civitas node` moved some to another node; those are
    // then reached over HTTPS with mutual TLS.
    tls: await nodeTlsCredentials(db, nodeId),
    ...(options.bodyLogging && { bodyLogging: options.bodyLogging }),
    ...(options.serviceTimeoutMs !== undefined && { serviceTimeoutMs: options.serviceTimeoutMs }),
    ...(options.exchangeTimeoutMs !== undefined && { exchangeTimeoutMs: options.exchangeTimeoutMs }),
    ...(options.representation && { representation: options.representation }),
    report: options.report,
  });
  return { ...node, catalogue: options.catalogue, publishConfiguration };
}
