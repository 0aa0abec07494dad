/**
 * Paths the server answers itself. The service worker must let navigations to these reach the
 * network instead of answering with the cached app shell (index.html): the eID login pages,
 * the API docs, the operational endpoints and the public log are not part of the app.
 * `/verify/<reference>`, where the QR code of a vehicle report PDF leads, is an app route: it
 * is deliberately not listed, so it opens the app shell (offline too).
 */
export const SERVER_OWNED_PATHS = [
  '/api',
  '/oidc',
  '/interaction',
  '/docs',
  '/openapi.json',
  '/healthz',
  '/readyz',
  '/metrics',
  // The FHIR API (and its SMART configuration) for other apps.
  '/fhir',
  // The public transparency log and its witness (C2SP tlog-tiles, tlog-witness).
  '/log',
  '/witness',
] as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One pattern per path, matching the path itself and anything below it, but not a longer name
 * (`/docs` and `/docs/json`, not `/documents`). Workbox tests them against pathname + search.
 */
export const navigationFallbackDenylist: RegExp[] = SERVER_OWNED_PATHS.map(
  (path) => new RegExp(`^${escapeRegExp(path)}(?:[/?#]|$)`),
);
