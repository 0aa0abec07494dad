import type {
  AccessRightBody,
  AccessRights,
  AccessRightView,
  Monitoring,
  RegistryView,
} from '@civitas/contracts/api/exchange-admin.ts';
import { apiGet, apiSend } from '../../shared/api/api-client.ts';

export const MONITORING_PERIODS = [60, 1440, 10080] as const;
export type MonitoringPeriod = (typeof MONITORING_PERIODS)[number];

export function loadRegistry(signal: AbortSignal): Promise<RegistryView> {
  return apiGet<RegistryView>('/api/exchange/registry', { signal });
}

export async function loadAccessRights(signal: AbortSignal): Promise<AccessRightView[]> {
  return (await apiGet<AccessRights>('/api/exchange/access-rights', { signal })).items;
}

export function loadMonitoring(minutes: MonitoringPeriod, signal: AbortSignal): Promise<Monitoring> {
  return apiGet<Monitoring>(`/api/exchange/monitoring?minutes=${minutes}`, { signal });
}

export async function grantAccessRight(right: AccessRightBody): Promise<AccessRightView> {
  const response = await apiSend('POST', '/api/exchange/access-rights', right);
  return (await response.json()) as AccessRightView;
}

export async function revokeAccessRight(id: string): Promise<void> {
  await apiSend('DELETE', `/api/exchange/access-rights/${encodeURIComponent(id)}`);
}
