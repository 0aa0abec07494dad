import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropTemplates, SNAPSHOT_DIR_ENV, TEST_RUN_ENV } from './snapshots.ts';

/**
 * Vitest's global setup (vitest.config.ts): one directory and one run id for the databases that
 * tests make once per run and copy (`snapshots.ts`), set in the environment the test workers
 * inherit; removed, with the run's PostgreSQL templates, when the run ends. Several projects
 * run it: the first one owns the run, the others find it set.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[SNAPSHOT_DIR_ENV] && fs.existsSync(process.env[SNAPSHOT_DIR_ENV])) return undefined;
  const run = `${Math.floor(Date.now() / 1000)}_${crypto.randomBytes(3).toString('hex')}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-test-snapshots-'));
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
