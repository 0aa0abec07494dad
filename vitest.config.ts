import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Vitest's default is one worker fewer than the cores: a single one on CI's two cores, idle
// whenever a test waits on PostgreSQL, Chromium or a timer. Two files at a time on two cores.
const workers = Math.max(2, os.availableParallelism() - 1);

const unitExclude = ['**/node_modules/**', '**/dist/**', '**/*.int.test.ts', '**/*.e2e.test.ts'];

export default defineConfig({
  test: {
    // Once per run (not per project): the directory and id of the databases tests make once
    // and copy (server/test/snapshots.ts), removed when the run ends.
    globalSetup: ['server/test/test-run.ts'],
    maxWorkers: workers,
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'server/src/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            'web/src/**/*.test.ts',
            'web/scripts/**/*.test.ts',
            'bench/**/*.test.ts',
            'checks/*.test.ts',
          ],
          exclude: unitExclude,
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['server/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // After the unit and integration files (a group of their own), one at a time: a browser,
          // a platform and the test runner fill two cores, and two files at once showed no gain
          // (docs/operations.md). Each file has its own platform, port, data and browser, so
          // CIVITAS_E2E_WORKERS=2 runs two at a time on a larger machine.
          sequence: { groupOrder: 1 },
          maxWorkers: Number(process.env.CIVITAS_E2E_WORKERS ?? 1),
        },
      },
    ],
  },
});
