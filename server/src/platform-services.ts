import { healthRecordServices } from './capabilities/ehealth/index.ts';
import type { Connection } from './db/index.ts';
import type { ExchangeServiceDefinition } from './exchange/index.ts';
import { type Reporter, registerServices } from './registers/index.ts';

/**
 * Every service the platform hosts on its exchange: the registers', and the health record's (a
 * register too, kept by the eHealth context: other capabilities read it through the exchange).
 */
export function platformServices(
  db: Connection,
  report: Reporter = (error) => console.error(error),
): ExchangeServiceDefinition[] {
  return [...registerServices(db, report), ...healthRecordServices(db, report)];
}
