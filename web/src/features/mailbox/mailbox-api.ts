import type { Administration, MailboxPage, MessageView, Sent } from '@civitas/contracts/api/mailbox.ts';
import { apiGet, apiGetFile, apiSend } from '../../shared/api/api-client.ts';

export function fetchMailbox(box: 'inbox' | 'sent', signal: AbortSignal): Promise<MailboxPage> {
  return apiGet<MailboxPage>(`/api/mailbox?box=${box}`, { signal });
}

export function fetchMessage(id: string, signal: AbortSignal): Promise<MessageView> {
  return apiGet<MessageView>(`/api/mailbox/messages/${encodeURIComponent(id)}`, { signal });
}

export function fetchAdministrations(signal: AbortSignal): Promise<Administration[]> {
  return apiGet<Administration[]>('/api/mailbox/administrations', { signal });
}

export function downloadAttachment(id: string, index: number) {
  return apiGetFile(`/api/mailbox/messages/${encodeURIComponent(id)}/attachments/${index}`, {
    accept: '*/*',
  });
}

export function downloadReceipt(id: string, kind: 'delivery' | 'read') {
  return apiGetFile(`/api/mailbox/messages/${encodeURIComponent(id)}/receipts/${kind}`, {
    accept: 'application/jose',
  });
}

/** A file the citizen picked, as the API takes it (base64). */
export async function attachmentOf(file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, mediaType: file.type || 'application/octet-stream', content: btoa(binary) };
}

export async function sendReply(id: string, body: string, files: File[]): Promise<Sent> {
  const attachments = await Promise.all(files.map(attachmentOf));
  const response = await apiSend('POST', `/api/mailbox/messages/${encodeURIComponent(id)}/reply`, {
    body,
    ...(attachments.length > 0 && { attachments }),
  });
  return (await response.json()) as Sent;
}

export async function forwardMessage(id: string, to: string, note: string): Promise<Sent> {
  const response = await apiSend('POST', `/api/mailbox/messages/${encodeURIComponent(id)}/forward`, {
    to,
    ...(note.trim() && { note: note.trim() }),
  });
  return (await response.json()) as Sent;
}

export function fetchMyAdministrations(signal: AbortSignal): Promise<Administration[]> {
  return apiGet<Administration[]>('/api/mailbox/administrations/mine', { signal });
}

export function fetchOfficeMailbox(
  administration: string,
  box: 'inbox' | 'sent',
  signal: AbortSignal,
): Promise<MailboxPage> {
  return apiGet<MailboxPage>(
    `/api/mailbox/administrations/${encodeURIComponent(administration)}/messages?box=${box}`,
    { signal },
  );
}

export function downloadOfficeReceipt(administration: string, id: string, kind: 'delivery' | 'read') {
  return apiGetFile(
    `/api/mailbox/administrations/${encodeURIComponent(administration)}/messages/${encodeURIComponent(id)}/receipts/${kind}`,
    { accept: 'application/jose' },
  );
}
