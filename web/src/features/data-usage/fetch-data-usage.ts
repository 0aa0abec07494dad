import type { DataUsagePage } from '@civitas/contracts/api/data-usage.ts';
import { apiGet } from '../../shared/api/api-client.ts';
import { type UsageFilters, usagePath } from './usage-query.ts';

export function fetchDataUsage(
  filters: UsageFilters,
  offset: number,
  signal: AbortSignal,
): Promise<DataUsagePage> {
  return apiGet<DataUsagePage>(usagePath(filters, offset), { signal });
}
