// The exchange's public API: other contexts import the exchange through this file only.
export type {
  AdminAction,
  AdminLogReader,
  ExchangeLogs,
  LoggedMessage,
  LogOutbox,
  MessageLogReader,
} from './log-outbox.ts';
export { exchangeLogs } from './log-outbox.ts';
export type { AccessRight, NewAccessRight } from './node/access-rights.ts';
export { AccessRights, accessRightView } from './node/access-rights.ts';
export { MESSAGE_LOG_COLUMNS } from './node/message-log.ts';
export type { RegisteredService } from './registry/registered-services.ts';
export { registeredServices } from './registry/registered-services.ts';
