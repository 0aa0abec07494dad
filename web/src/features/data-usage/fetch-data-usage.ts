import type { DataUsageSessionsPage } from '@civitas/contracts/api/data-usage.ts';
import { apiGet } from '../../shared/api/api-client.ts';
import { sessionsPath, type UsageFilters } from './usage-query.ts';

/** One page of the person's accesses, grouped into sessions. */
export function fetchUsageSessions(
  filters: UsageFilters,
  offset: number,
  signal: AbortSignal,
): Promise<DataUsageSessionsPage> {
  return apiGet<DataUsageSessionsPage>(sessionsPath(filters, offset), { signal });
}
