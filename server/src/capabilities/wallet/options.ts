import type { AuditLog } from '../../audit/index.ts';
import type { Connection } from '../../db/index.ts';
import type { ExchangeClient } from '../../exchange/index.ts';
import type { IdentityKeys } from '../../identity/index.ts';
import type { Config } from '../../kernel/index.ts';

/** What the wallet's parts are given by the composition root. */
export interface WalletOptions {
  db: Connection;
  config: Config;
  /** The wallet issuer's own exchange client (its subsystem's access rights: credential issuance). */
  exchange: ExchangeClient;
  audit: AuditLog;
  /** The eID node's keys: the issuer verifies the node's access tokens (authorization code flow). */
  keys: IdentityKeys;
}
