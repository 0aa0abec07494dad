import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The repository's root, the web app's folder and where Vite writes the built app. */
const ROOT = path.resolve(import.meta.dirname, '../../..');
export const WEB_DIR = path.join(ROOT, 'web');
/** Written into the built app's folder after a build: the hash of the sources it was built from. */
const STAMP = '.source-hash';

export interface WebBuildPaths {
  /** The web app's folder (its `package.json`, `index.html`, `src/`, `public/`, `vite.config.ts`). */
  webDir: string;
  /** Where the build goes (`web/dist`). */
  distDir: string;
  /** The lockfile whose package versions go into the bundle. */
  lockfile: string;
}

export const DEFAULT_WEB_BUILD: WebBuildPaths = {
  webDir: WEB_DIR,
  distDir: path.join(WEB_DIR, 'dist'),
  lockfile: path.join(ROOT, 'package-lock.json'),
};

const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const SOURCE_FILE = /\.(ts|tsx|js|mjs|json)$/;

/**
 * A hash of everything the built web app is made from: every file of the web app's folder (but
 * the build and node_modules), the files outside it that its sources import by relative path
 * (the browser-safe transparency-log library and report schema under server/src), followed
 * transitively, and the lockfile (package versions).
 */
export function webSourceHash(paths: WebBuildPaths = DEFAULT_WEB_BUILD): string {
  const files = new Set<string>();
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && full !== paths.distDir) walk(full);
      } else if (entry.isFile()) files.add(full);
    }
  };
  walk(paths.webDir);
  const pending = [...files].filter((file) => SOURCE_FILE.test(file));
  while (pending.length > 0) {
    const file = pending.pop()!;
    for (const match of fs.readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = resolveSource(path.resolve(path.dirname(file), match[1]!));
      if (target === null || files.has(target)) continue;
      files.add(target);
      if (SOURCE_FILE.test(target)) pending.push(target);
    }
  }
  if (fs.existsSync(paths.lockfile)) files.add(paths.lockfile);
  const hash = crypto.createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(path.relative(paths.webDir, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** A relative import's file: as written, or with the extension or index file a bundler would add. */
function resolveSource(specifier: string): string | null {
  for (const candidate of [
    specifier,
    `${specifier}.ts`,
    `${specifier}.tsx`,
    path.join(specifier, 'index.ts'),
  ]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Whether the built app is there and was built from the sources as they are now. */
export function webBuildIsCurrent(paths: WebBuildPaths = DEFAULT_WEB_BUILD, hash = webSourceHash(paths)) {
  try {
    return (
      fs.existsSync(path.join(paths.distDir, 'index.html')) &&
      fs.readFileSync(path.join(paths.distDir, STAMP), 'utf8').trim() === hash
    );
  } catch {
    return false;
  }
}

export type WebBuildOutcome =
  | { built: false }
  | { built: true; seconds: number }
  | { built: false; failed: true; output: string };

/**
 * Builds the web app with Vite, in its own process, unless the build is current. Vite's output
 * is kept, not printed (the console belongs to the platform's own lines); a failed build
 * returns it.
 */
export async function buildWebAppIfChanged(
  paths: WebBuildPaths = DEFAULT_WEB_BUILD,
  signal?: AbortSignal,
): Promise<WebBuildOutcome> {
  const hash = webSourceHash(paths);
  if (webBuildIsCurrent(paths, hash)) return { built: false };
  const started = performance.now();
  const vite = path.join(
    path.dirname(createRequire(path.join(paths.webDir, 'package.json')).resolve('vite/package.json')),
    'bin/vite.js',
  );
  const child = spawn(process.execPath, [vite, 'build', '--outDir', paths.distDir, '--emptyOutDir'], {
    cwd: paths.webDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(signal && { signal }),
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      output += String(error);
      resolve(null);
    });
    child.once('close', resolve);
  });
  if (code !== 0) return { built: false, failed: true, output };
  fs.writeFileSync(path.join(paths.distDir, STAMP), `${hash}\n`);
  return { built: true, seconds: (performance.now() - started) / 1000 };
}
