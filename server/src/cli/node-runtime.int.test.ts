import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('the Node.js the project runs on (issue 14, item 26)', () => {
  it('is the Node.js 24 the project pins, the one npm scripts and npx put first on PATH', () => {
    const pinned = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/node/package.json'), 'utf8')) as {
      version: string;
    };
    expect(pinned.version).toMatch(/^24\./);
    expect(process.version).toBe(`v${pinned.version}`);
  });

  it('admits every installed package: npm on it, engine-strict, finds no EBADENGINE (the README says the warnings on Node.js 20 are harmless for this reason)', () => {
    // npm itself, run by the pinned Node.js (its `#!/usr/bin/env node` finds this one first).
    const run = spawnSync(
      'npm',
      ['install', '--dry-run', '--offline', '--ignore-scripts', '--engine-strict', '--no-audit', '--no-fund'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
        },
        timeout: 120_000,
      },
    );
    expect(run.stderr).not.toContain('EBADENGINE');
    expect(run.status).toBe(0);
  });
});
