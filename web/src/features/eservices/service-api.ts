import type {
  Application,
  Applications,
  CheckAnswer,
  Draft,
  Drafts,
  ServiceStart,
} from '@civitas/contracts/api/eservices.ts';
import { apiGet, apiSend } from '../../shared/api/api-client.ts';

export function fetchStart(code: string, signal: AbortSignal): Promise<ServiceStart> {
  return apiGet<ServiceStart>(`/api/eservices/services/${encodeURIComponent(code)}/start`, { signal });
}

export function fetchDraft(id: string, signal: AbortSignal): Promise<Draft> {
  return apiGet<Draft>(`/api/eservices/drafts/${encodeURIComponent(id)}`, { signal });
}

export function fetchDrafts(signal: AbortSignal): Promise<Drafts> {
  return apiGet<Drafts>('/api/eservices/drafts', { signal });
}

export async function saveDraft(id: string, serviceCode: string, data: unknown): Promise<Draft> {
  const response = await apiSend('PUT', `/api/eservices/drafts/${encodeURIComponent(id)}`, {
    serviceCode,
    data,
  });
  return (await response.json()) as Draft;
}

export async function submitApplication(draftId: string, signature: string): Promise<Application> {
  const response = await apiSend('POST', '/api/eservices/applications', { draftId, signature });
  return (await response.json()) as Application;
}

export function fetchApplications(signal: AbortSignal): Promise<Applications> {
  return apiGet<Applications>('/api/eservices/applications', { signal });
}

export async function checkForm(serviceCode: string, data: unknown): Promise<CheckAnswer> {
  const response = await apiSend('POST', `/api/eservices/services/${encodeURIComponent(serviceCode)}/check`, {
    data,
  });
  return (await response.json()) as CheckAnswer;
}

export function fetchApplication(id: string, signal: AbortSignal): Promise<Application> {
  return apiGet<Application>(`/api/eservices/applications/${encodeURIComponent(id)}`, { signal });
}

export async function answerRequest(id: string, note: string): Promise<Application> {
  const response = await apiSend('POST', `/api/eservices/applications/${encodeURIComponent(id)}/answer`, {
    note,
  });
  return (await response.json()) as Application;
}
