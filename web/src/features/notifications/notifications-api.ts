import type { NotificationList, PushKey, ReminderCheck } from '@civitas/contracts/api/notifications.ts';
import { apiGet, apiSend } from '../../shared/api/api-client.ts';

export function fetchNotifications(signal?: AbortSignal): Promise<NotificationList> {
  return apiGet<NotificationList>('/api/notifications', signal ? { signal } : {});
}

export async function markRead(id: string | 'all'): Promise<void> {
  await apiSend(
    'POST',
    id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${encodeURIComponent(id)}/read`,
  );
}

export async function checkReminders(): Promise<ReminderCheck> {
  return (await (await apiSend('POST', '/api/notifications/reminders')).json()) as ReminderCheck;
}

function bytesOf(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Whether this browser can receive Web Push at all (a service worker and the Push API). */
export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** Asks the browser for permission, subscribes it with the platform's VAPID key, and registers it for the signed-in person. */
export async function subscribeToPush(): Promise<'subscribed' | 'denied'> {
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const { publicKey } = await apiGet<PushKey>('/api/notifications/push/key');
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: bytesOf(publicKey),
  });
  await apiSend('POST', '/api/notifications/push/subscriptions', subscription.toJSON());
  return 'subscribed';
}
