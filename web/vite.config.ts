import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { navigationFallbackDenylist } from './src/app/pwa/server-paths.ts';

const BRAND_GREEN = '#00563f';
// `npm start` serves the platform here; in development Vite forwards server-owned paths to it.
const PLATFORM_ORIGIN = 'http://localhost:3000';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      // An external registerSW.js rather than an inline script, so the CSP can forbid inline scripts.
      injectRegister: 'script',
      strategies: 'generateSW',
      // globPatterns below already precaches everything in public/, icons included.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Civitas',
        short_name: 'Civitas',
        description: 'Digital public services: your personal data, documents and vehicles in one place.',
        lang: 'bg',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: BRAND_GREEN,
        background_color: '#ffffff',
        categories: ['government', 'utilities'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // The app shell only. Nothing under /api is ever cached: there is no runtimeCaching at all,
        // so API requests (personal data) always go to the network.
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        // The app is one bundle (≈2.1 MB with the health record's screens): it must be precached
        // whole, or the app does not open offline. Splitting it by screen is a follow-up.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        // The wallet's public server documents share the app's /wallet prefix: the trust list and
        // the status lists (and the issuer's /.well-known metadata) are the server's, not screens.
        navigateFallbackDenylist: [
          ...navigationFallbackDenylist,
          /^\/wallet\/(?:trust|status)(?:[/?#]|$)/,
          /^\/\.well-known\//,
        ],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  server: {
    proxy: Object.fromEntries(
      [
        '/api',
        '/oidc',
        '/interaction',
        '/healthz',
        '/readyz',
        '/log',
        '/wallet/trust',
        '/wallet/status',
        '/.well-known',
      ].map((path) => [path, { target: PLATFORM_ORIGIN }]),
    ),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
