import type { ExchangeServiceDefinition } from '../service-definition.ts';
import type { AccessRights } from './access-rights.ts';
import type { MessageLog, MessageRecord } from './message-log.ts';
import type { ReplayGuard } from './replay-guard.ts';
import type { RepresentationCheck } from './representation.ts';
import type { NodeTrust } from './trust.ts';

/** A client information system's call to its own node, as the X-Road REST protocol has it. */
export interface ClientRequest {
  method: string;
  /** `BG/GOV/000695235/vehicle-register/vehicles` */
  service: string;
  /** The rest of the path after the service code; `/` when none. */
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A message from one node to another: the signed request and its body. */
export interface NodeMessage {
  requestJws: string;
  body: Buffer;
}

export interface NodeReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /**
   * In-process delivery only: the provider side's message-log record, not yet written. The
   * consumer side writes it in one statement with its own record and hands the answer to its
   * client only once both are committed; a message between two nodes is logged by each node
   * before its answer leaves it.
   */
  providerRecord?: MessageRecord;
}

/** How a consumer's node reaches a provider's node (in process, or HTTPS with mutual TLS). */
export interface NodeTransport {
  /** `tlsCertificate`: the node's certificate as the registry lists it, which the peer must present. */
  send(
    node: { id: string; address: string; tlsCertificate?: string },
    message: NodeMessage,
    timeoutMs: number,
  ): Promise<NodeReply>;
}

export interface NodeOptions {
  /** How long a provider's node waits for its register's answer. */
  serviceTimeoutMs: number;
  /** How long a consumer's node waits for the provider's node. */
  exchangeTimeoutMs: number;
}

/** Everything one node (security server) works with. */
export interface NodeContext {
  trust: NodeTrust;
  services: ReadonlyMap<string, ExchangeServiceDefinition>;
  rights: AccessRights;
  log: MessageLog;
  replay: ReplayGuard;
  transport: NodeTransport;
  options: NodeOptions;
  /** Whether a user may represent the party a request names (absent: such requests are refused). */
  representation?: RepresentationCheck;
  /** Reports a fault that is not the caller's (a bug, the database down) to the operator's log. */
  report(error: unknown): void;
}

export const REQUEST_SIGNATURE_TYPE = 'civitas-request+jws';
export const RESPONSE_SIGNATURE_TYPE = 'civitas-response+jws';
export const REQUEST_HEADER = 'x-civitas-request';
export const RESPONSE_HEADER = 'x-civitas-response';
