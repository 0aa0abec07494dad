import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWebAppIfChanged, DEFAULT_WEB_BUILD, webSourceHash } from './web-build.ts';

describe('the web app build of npm start (issue 14, item 23)', () => {
  const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-web-dist-'));
  const paths = { ...DEFAULT_WEB_BUILD, distDir };
  afterAll(() => fs.rmSync(distDir, { recursive: true, force: true }));

  it('builds the web app once, and not again until its sources change', async () => {
    const first = await buildWebAppIfChanged(paths);
    expect(first).toMatchObject({ built: true });
    expect(fs.readFileSync(path.join(distDir, 'index.html'), 'utf8')).toContain('<div id="root">');
    expect(fs.readFileSync(path.join(distDir, '.source-hash'), 'utf8').trim()).toBe(webSourceHash(paths));

    // Unchanged sources: nothing is built (how long the hash takes is the bench's business, not a test's).
    expect(await buildWebAppIfChanged(paths)).toEqual({ built: false });

    // Built from other sources (as after a change): built again.
    fs.writeFileSync(path.join(distDir, '.source-hash'), 'f'.repeat(64));
    expect(await buildWebAppIfChanged(paths)).toMatchObject({ built: true });
  });
});
