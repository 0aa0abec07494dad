import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { navigationFallbackDenylist } from './src/app/pwa/server-paths.ts';

const BRAND_GREEN = '#00563f';
// `npm start` serves the platform here; in development Vite forwards server-owned paths to it.
const PLATFORM_ORIGIN = 'http://localhost:3000';

/** Workbox's default `maximumFileSizeToCacheInBytes`: a larger file is not precached (only warned about). */
const PRECACHE_LIMIT = 2 * 1024 * 1024;

/** Fails the build when a file would be too large to precache, so no screen is silently missing offline. */
function failOnFilesTooLargeToPrecache(): Plugin {
  return {
    name: 'civitas:fail-on-files-too-large-to-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        const content = file.type === 'chunk' ? file.code : file.source;
        const size =
          typeof content === 'string' ? new TextEncoder().encode(content).byteLength : content.byteLength;
        if (size > PRECACHE_LIMIT)
          this.error(
            `${file.fileName} is ${size} bytes, above the ${PRECACHE_LIMIT} the service worker precaches`,
          );
      }
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    failOnFilesTooLargeToPrecache(),
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
        // The app only: the shell, every screen's chunk (loaded on first showing, but precached all
        // at install so that any screen opens offline) and every language's words (json). Nothing
        // under /api is ever cached: there is no runtimeCaching at all, so API requests (personal
        // data) always go to the network. Every file fits workbox's default 2 MiB limit; a file
        // above it would be left out of the precache silently, so the build fails instead
        // (failOnFilesTooLargeToPrecache).
        globPatterns: ['**/*.{js,css,html,svg,png,json}'],
        navigateFallback: 'index.html',
        // The wallet's public server documents share the app's /wallet prefix: the trust list and
        // the status lists (and the issuer's /.well-known metadata) are the server's, not screens.
        navigateFallbackDenylist: [
          ...navigationFallbackDenylist,
          /^\/wallet\/(?:trust|status)(?:[/?#]|$)/,
          /^\/\.well-known\//,
        ],
        cleanupOutdatedCaches: true,
        // Web Push: shows the platform's notifications (features/notifications).
        importScripts: ['/push-handler.js'],
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
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React and i18next, which every screen needs and which change far less often than the
          // app: one chunk that stays cached across releases.
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|i18next|react-i18next)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
