import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropTemplates, SNAPSHOT_DIR_ENV, TEST_RUN_ENV } from './snapshots.ts';

const DIR_PREFIX = 'civitas-test-snapshots-';

/** Directories of runs that were killed (no teardown) a day ago or more: up to ~1 GB each. */
function removeStaleDirectories(): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      if (fs.statSync(dir).mtimeMs < dayAgo) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another run removed it meanwhile.
    }
  }
}

/**
 * Vitest's global setup (vitest.config.ts): one directory and one run id for the databases that
 * tests make once per run and copy (`snapshots.ts`), set in the environment the test workers
 * inherit; removed, with the run's PostgreSQL templates, when the run ends. A run started
 * inside another (the variables already set) uses the outer run's.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[SNAPSHOT_DIR_ENV] && fs.existsSync(process.env[SNAPSHOT_DIR_ENV])) return undefined;
  const run = `${Math.floor(Date.now() / 1000)}_${crypto.randomBytes(3).toString('hex')}`;
  removeStaleDirectories();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX));
  process.env[SNAPSHOT_DIR_ENV] = dir;
  process.env[TEST_RUN_ENV] = run;
  const adminUrl = process.env.TEST_DATABASE_URL;
  // Templates left by a run that was killed a day ago or more.
  if (adminUrl) await dropTemplates(adminUrl, undefined).catch(() => {});
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (adminUrl) await dropTemplates(adminUrl, run);
    delete process.env[SNAPSHOT_DIR_ENV];
    delete process.env[TEST_RUN_ENV];
  };
}
