// Web Push for Civitas notifications, imported into the generated service worker
// (vite.config.ts, workbox.importScripts). A push carries { id, title, body, link } with the
// texts in every language; the notification is shown in the browser's language.
/* eslint-env serviceworker */
self.addEventListener('push', (event) => {
  let note = {};
  try {
    note = event.data ? event.data.json() : {};
  } catch {
    note = {};
  }
  const language = (self.navigator.language || 'bg').slice(0, 2);
  const pick = (text) => (text && (text[language] || text.en || text.bg)) || 'Civitas';
  const link = typeof note.link === 'string' && note.link.startsWith('/') ? note.link : '/notifications';
  event.waitUntil(
    self.registration.showNotification(pick(note.title), {
      body: pick(note.body),
      icon: '/icons/icon-192.png',
      tag: typeof note.id === 'string' ? note.id : undefined,
      data: { link },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.link));
});
