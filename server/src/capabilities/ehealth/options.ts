import type { AuditLog } from '../../audit/index.ts';
import type { Connection } from '../../db/index.ts';
import type { ExchangeClient } from '../../exchange/index.ts';
import type { Config } from '../../kernel/index.ts';
import type { Instance } from '../../registers/index.ts';

/** What the health record's parts are given by the composition root. */
export interface EhealthOptions {
  db: Connection;
  config: Config;
  instance: Instance;
  /**
   * The health record's own exchange client (the NHIS subsystem): it asks the population register
   * for a patient's children (parental relationship) and a person's name.
   */
  exchange: ExchangeClient;
  audit: AuditLog;
}
