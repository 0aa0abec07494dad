import { apiGet } from '../api/api-client.ts';
import type { SignedReport } from './report.ts';

/** The signed-in owner's report on their own vehicle. */
export function fetchDossier(vin: string, signal: AbortSignal): Promise<SignedReport> {
  return apiGet<SignedReport>(`/api/vehicles/${encodeURIComponent(vin)}/dossier`, { signal });
}
