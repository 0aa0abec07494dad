import { describe, expect, it } from 'vitest';
import { navigationFallbackDenylist } from './server-paths.ts';

const isDenied = (pathAndSearch: string) =>
  navigationFallbackDenylist.some((pattern) => pattern.test(pathAndSearch));

describe('service worker navigation fallback', () => {
  it.each([
    '/api/me',
    '/oidc/auth?client_id=civitas-web',
    '/oidc/session/end',
    '/interaction/abc123',
    '/docs',
    '/docs/static/index.html',
    '/openapi.json',
    '/healthz',
    '/readyz?verbose=1',
    '/metrics',
    '/log/checkpoint',
    '/log/proof/inclusion?index=3&size=10',
    '/witness/add-checkpoint',
    '/api/vehicle-reports/verify',
    '/api/vehicle-reports/VR-1234-5678-9ABC',
    '/api/vehicles/WVWZZZ1JZXW000001/dossier',
  ])('leaves the server-owned path %s to the network', (path) => {
    expect(isDenied(path)).toBe(true);
  });

  it.each([
    '/',
    '/profile',
    '/callback?code=abc&state=xyz',
    '/documents',
    '/apis',
    '/metrics-dashboard',
    '/data-usage',
    '/logout',
    '/vehicle-check',
    '/vehicles/WVWZZZ1JZXW000001/dossier',
    // The PDF's QR code leads here: it must open the app, offline too.
    '/verify/VR-1234-5678-9ABC',
    '/verify',
  ])('answers the app route %s with the app shell', (path) => {
    expect(isDenied(path)).toBe(false);
  });
});
