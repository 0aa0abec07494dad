import { apiGet } from '../../shared/api/api-client.ts';
import type { UsageRecord } from '../data-usage/usage.ts';
import { type AuditSearch, auditUsagePath } from './audit-query.ts';

/** One page of GET /api/audit/usage: every record, hidden ones too. */
export interface AuditUsagePage {
  total: number;
  items: UsageRecord[];
}

/** A case whose accesses are hidden from the persons concerned (GET /api/audit/hidden-cases). */
export interface HiddenCase {
  caseRef: string;
  /** The organisation that made the accesses and hid them: its exchange client subsystem. */
  organisation: string;
  /** That organisation and its information system, as the exchange catalogue names them (Bulgarian). */
  organisationName: string;
  systemName: string;
  /** The legal ground that allows the hiding, a code (`legalBases.<code>`). */
  legalBasis: string;
  hiddenUntil: string;
  reason: string;
  createdAt: string;
}

export function fetchAuditUsage(
  search: AuditSearch,
  offset: number,
  signal: AbortSignal,
): Promise<AuditUsagePage> {
  return apiGet<AuditUsagePage>(auditUsagePath(search, offset), { signal });
}

export function fetchHiddenCases(signal: AbortSignal): Promise<HiddenCase[]> {
  return apiGet<{ items: HiddenCase[] }>('/api/audit/hidden-cases', { signal }).then(
    (answer) => answer.items,
  );
}
