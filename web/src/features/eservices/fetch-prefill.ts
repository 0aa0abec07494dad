import type { ParkingPermitPrefill } from '@civitas/contracts/api/parking-permit.ts';
import { apiGet } from '../../shared/api/api-client.ts';

export function fetchPrefill(serviceCode: string, signal: AbortSignal): Promise<ParkingPermitPrefill> {
  return apiGet<ParkingPermitPrefill>(`/api/eservices/${encodeURIComponent(serviceCode)}/prefill`, {
    signal,
  });
}
