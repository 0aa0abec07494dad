import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is server/test/shared-testdata.ts). */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The folder `../shared/testdata/<subpath>` beside the repository, or null when it is missing
 * on a developer's machine: the caller then skips its suite with `describe.skipIf(dir === null)`,
 * and a warning names the folder so the skip is never silent. In CI (`CI` set) a missing folder
 * throws, so the suite fails instead of passing on nothing.
 */
export function sharedTestdataDir(subpath: string): string | null {
  const dir = path.resolve(repoRoot, '../shared/testdata', subpath);
  if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  if (process.env.CI) throw new Error(`shared test data is missing in CI: ${dir}`);
  console.warn(`shared test data is missing, skipping the suite that needs it: ${dir}`);
  return null;
}
