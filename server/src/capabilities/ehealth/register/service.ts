import { HEALTH_RECORD } from '@civitas/contracts/registers/health-record.ts';
import type { Connection } from '../../../db/index.ts';
import type { ExchangeServiceDefinition } from '../../../exchange/index.ts';
import { Missing, provide, type Reporter } from '../../../registers/index.ts';

const NO_RECORD = new Missing('The person has no health record.');

/**
 * The health record's register service on the exchange (`health-record/records`): what other
 * capabilities read of it, logged by the exchange and shown to the person like any register
 * access. PLACEHOLDER for the summary (ips/ answers it with the IPS document).
 */
export function healthRecordServices(_db: Connection, report: Reporter): ExchangeServiceDefinition[] {
  return [provide(HEALTH_RECORD, { summary: async () => NO_RECORD }, { report })];
}
