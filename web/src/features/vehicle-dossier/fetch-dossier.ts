import { type Answer, apiGetSaved } from '../../shared/api/api-client.ts';
import type { SignedReport } from './report.ts';

/** The signed-in owner's report on their own vehicle; offline, the one saved when it was last issued. */
export function fetchDossier(vin: string, signal: AbortSignal): Promise<Answer<SignedReport>> {
  return apiGetSaved<SignedReport>(`/api/vehicles/${encodeURIComponent(vin)}/dossier`, { signal });
}
