import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

/**
 * Runs the layer check as `npm run check:layers` does (its configuration, its text report and
 * exit code) on a fixture tree; answers whether it passed and the errors it reported.
 */
function checkLayers(fixture: string, env: Record<string, string> = {}) {
  const cwd = path.join(ROOT, 'checks/fixtures/layers', fixture);
  const run = spawnSync(
    process.execPath,
    [DEPCRUISE, '--config', CONFIG, 'server/src', ...(fixture === 'web-to-server' ? ['web/src'] : [])],
    { cwd, encoding: 'utf8', env: { ...process.env, ...env } },
  );
  const errors = [...run.stdout.matchAll(/^\s*error (\S+): (\S+) → (\S+)$/gm)].map(([, rule, from, to]) => ({
    from,
    to,
    rule,
  }));
  return { passed: run.status === 0, errors };
}

// Each run starts a dependency-cruiser process: seconds on a loaded machine.
describe('the layer check (npm run check:layers)', { timeout: 60_000 }, () => {
  it('fails on an import that runs up a layer, naming the rule and both files', () => {
    const result = checkLayers('upward');
    expect(result.passed).toBe(false);
    expect(result.errors).toContainEqual({
      from: 'server/src/exchange/client.ts',
      to: 'server/src/registers/population/service.ts',
      rule: 'no-upward-import-from-exchange',
    });
  });

  it("passes an import that runs down a layer through the other context's index.ts", () => {
    expect(checkLayers('through-index')).toEqual({ passed: true, errors: [] });
  });

  it('fails on a web file that imports the server', () => {
    expect(checkLayers('web-to-server')).toEqual({
      passed: false,
      errors: [
        {
          from: 'web/src/features/profile/texts.ts',
          to: 'server/src/kernel/errors.ts',
          rule: 'web-imports-no-server',
        },
      ],
    });
  });

  it("fails on a downward import that reaches past the other context's index.ts", () => {
    expect(checkLayers('downward')).toEqual({
      passed: false,
      errors: [
        {
          from: 'server/src/registers/population/service.ts',
          to: 'server/src/exchange/client.ts',
          rule: 'context-through-index',
        },
      ],
    });
  });

  it('lowered to a warning (CIVITAS_INDEX_RULE=warn), lets the same import pass while a context is shaped', () => {
    expect(checkLayers('downward', { CIVITAS_INDEX_RULE: 'warn' })).toEqual({ passed: true, errors: [] });
  });
  it("fails on a test that imports another context's tables.ts, and passes a context's own", () => {
    expect(checkLayers('tables-elsewhere')).toEqual({
      passed: false,
      errors: [
        {
          from: 'server/src/http/case.int.test.ts',
          to: 'server/src/exchange/tables.ts',
          rule: 'tables-only-in-own-context',
        },
      ],
    });
  });
});
