import { apiGet, apiSend } from '../../shared/api/api-client.ts';

/** A purpose and the legal basis it is asked on (codes; the app shows their labels). */
export interface Pair {
  purpose: string;
  legalBasis: string;
}

/** GET /api/exchange/registry */
export interface Registry {
  instance: string;
  members: Array<{
    id: string;
    memberClass: string;
    memberCode: string;
    name: string;
    nodes: string[];
    subsystems: Array<{
      id: string;
      code: string;
      name: string;
      services: Array<{ id: string; code: string; name: string; providedHere: boolean }>;
    }>;
  }>;
  globalGroups: Array<{ code: string; description: string }>;
  purposes: string[];
  legalBases: Array<{ code: string; hideable: boolean }>;
}

/** One access right (GET /api/exchange/access-rights). */
export interface AccessRight {
  id: string;
  client: string;
  serviceId: string;
  endpoint: string | null;
  pairs: Pair[];
  grantedAt: string;
}

export interface NewAccessRight {
  client: string;
  serviceId: string;
  endpoint: string | null;
  pairs: Pair[];
}

/** GET /api/exchange/monitoring */
export interface Monitoring {
  node: string;
  since: string;
  services: Array<{
    service: string;
    messages: number;
    errors: number;
    p50: number | null;
    p95: number | null;
    p99: number | null;
  }>;
}

export const MONITORING_PERIODS = [60, 1440, 10080] as const;
export type MonitoringPeriod = (typeof MONITORING_PERIODS)[number];

export function loadRegistry(signal: AbortSignal): Promise<Registry> {
  return apiGet<Registry>('/api/exchange/registry', { signal });
}

export async function loadAccessRights(signal: AbortSignal): Promise<AccessRight[]> {
  return (await apiGet<{ items: AccessRight[] }>('/api/exchange/access-rights', { signal })).items;
}

export function loadMonitoring(minutes: MonitoringPeriod, signal: AbortSignal): Promise<Monitoring> {
  return apiGet<Monitoring>(`/api/exchange/monitoring?minutes=${minutes}`, { signal });
}

export async function grantAccessRight(right: NewAccessRight): Promise<AccessRight> {
  const response = await apiSend('POST', '/api/exchange/access-rights', right);
  return (await response.json()) as AccessRight;
}

export async function revokeAccessRight(id: string): Promise<void> {
  await apiSend('DELETE', `/api/exchange/access-rights/${encodeURIComponent(id)}`);
}
