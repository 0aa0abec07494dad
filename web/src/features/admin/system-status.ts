import { publicFetch } from '../../shared/api/public-client.ts';

/** What the server still does once ready (`GET /readyz`'s `background`), by name. */
export interface BackgroundWork {
  state: 'running' | 'done' | 'stopped' | 'failed';
  done: number;
  total: number;
}

export interface SystemStatus {
  /** The demo's health records seeded in the background after the start; absent when there are none to seed. */
  healthRecords: BackgroundWork | null;
}

/** Readiness as `/readyz` says it (public: no personal data, no token). */
export async function loadSystemStatus(signal: AbortSignal): Promise<SystemStatus> {
  const response = await publicFetch('/readyz', { accept: 'application/json', signal });
  const readiness = (await response.json()) as { background?: { healthRecords?: BackgroundWork } };
  return { healthRecords: readiness.background?.healthRecords ?? null };
}
