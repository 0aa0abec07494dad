import type { AuditUsagePage, HiddenCase, HiddenCases } from '@civitas/contracts/api/audit.ts';
import { apiGet } from '../../shared/api/api-client.ts';
import { type AuditSearch, auditUsagePath } from './audit-query.ts';

export function fetchAuditUsage(
  search: AuditSearch,
  offset: number,
  signal: AbortSignal,
): Promise<AuditUsagePage> {
  return apiGet<AuditUsagePage>(auditUsagePath(search, offset), { signal });
}

export function fetchHiddenCases(signal: AbortSignal): Promise<HiddenCase[]> {
  return apiGet<HiddenCases>('/api/audit/hidden-cases', { signal }).then((answer) => answer.items);
}
