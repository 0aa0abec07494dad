// The exchange's public API: other contexts import the exchange through this file only.

export type { Catalogue } from './catalogue.ts';
export { servicesById } from './catalogue.ts';
export type { CallContext } from './client.ts';
export { allInOrder, ExchangeClient, failureError, failureOf } from './client.ts';
export { exchangeErrors } from './errors.ts';
export type { ExchangeNode } from './exchange-node.ts';
export { parseServiceId, parseSubsystemId } from './ids.ts';
export type { LocalExchange, LocalExchangeOptions } from './local-node.ts';
export { startLocalExchange } from './local-node.ts';
export type {
  AdminAction,
  AdminLogReader,
  ExchangeLogs,
  LoggedMessage,
  LogOutbox,
  MessageLogReader,
} from './log-outbox.ts';
export { exchangeLogs } from './log-outbox.ts';
export { exchangeMigrations } from './migrations.ts';
export type { AccessRight, NewAccessRight } from './node/access-rights.ts';
export { AccessRights, accessRightView } from './node/access-rights.ts';
export { MESSAGE_LOG_COLUMNS } from './node/message-log.ts';
export type {
  Representation,
  RepresentationCheck,
  RepresentedParty,
} from './node/representation.ts';
export type { NodeProcess, NodeProcessOptions } from './node-process.ts';
export { startNodeProcess } from './node-process.ts';
export type { SourceOutcome, SourceRequest } from './orchestrate.ts';
export { askRegisters } from './orchestrate.ts';
export { ExchangeFault } from './protocol/errors.ts';
export { signCompactEs256 } from './protocol/es256.ts';
export type { RegistrySetup } from './registry/central-registry.ts';
export type { RegisteredService } from './registry/registered-services.ts';
export { registeredServices } from './registry/registered-services.ts';
export type { ChangedBy, ExchangePluginOptions } from './routes.ts';
export { exchangePlugin } from './routes.ts';
export type {
  Endpoint,
  ExchangeServiceDefinition,
  ServiceCaller,
  ServiceRequest,
  ServiceResponse,
} from './service-definition.ts';
export { notFound, ok, problemAnswer } from './service-definition.ts';
