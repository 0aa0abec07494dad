import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build` puts the progressive web app. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../../web/dist');

const NEVER_CACHE = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);

/** Serves the built web app; any other browser navigation gets index.html (client-side routes). */
export async function webAppPlugin(app: FastifyInstance): Promise<{ hasWebApp: boolean }> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) return { hasWebApp: false };
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    wildcard: false,
    index: ['index.html'],
    setHeaders(response, filePath) {
      const name = path.basename(filePath);
      if (NEVER_CACHE.has(name)) response.header('cache-control', 'no-cache');
      else if (filePath.includes(`${path.sep}assets${path.sep}`))
        response.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  return { hasWebApp: true };
}
