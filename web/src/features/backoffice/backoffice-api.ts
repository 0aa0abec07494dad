import type { Application } from '@civitas/contracts/api/eservices.ts';
import type { LocalText } from '@civitas/contracts/eservices/declaration.ts';
import { apiGet, apiSend } from '../../shared/api/api-client.ts';

export interface QueueEntry {
  id: string;
  serviceCode: string;
  title: LocalText | null;
  status: Application['status'];
  submittedAt: string;
  dueAt: string;
  daysLeft: number;
}

export interface OpenedApplication {
  application: Application;
  evidence: Array<{ source: string; name: LocalText; status: string; fetchedAt: string; answer: unknown }>;
}

export function fetchQueue(signal: AbortSignal): Promise<{ applications: QueueEntry[] }> {
  return apiGet('/api/backoffice/applications', { signal });
}

export function fetchApplication(id: string, signal?: AbortSignal): Promise<OpenedApplication> {
  return apiGet(`/api/backoffice/applications/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export async function act(
  id: string,
  action: 'request-information' | 'decision',
  body: object,
): Promise<Application> {
  const response = await apiSend(
    'POST',
    `/api/backoffice/applications/${encodeURIComponent(id)}/${action}`,
    body,
  );
  return (await response.json()) as Application;
}
