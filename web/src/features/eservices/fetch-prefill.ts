import { apiGet } from '../../shared/api/api-client.ts';
import type { Prefill } from './prefill.ts';

export function fetchPrefill(serviceCode: string, signal: AbortSignal): Promise<Prefill> {
  return apiGet<Prefill>(`/api/eservices/${encodeURIComponent(serviceCode)}/prefill`, { signal });
}
