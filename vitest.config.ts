import { defineConfig } from 'vitest/config';

const unitExclude = ['**/node_modules/**', '**/dist/**', '**/*.int.test.ts', '**/*.e2e.test.ts'];

export default defineConfig({
  test: {
    // Once per run (not per project): the directory and id of the databases tests make once
    // and copy (server/test/snapshots.ts), removed when the run ends.
    globalSetup: ['server/test/test-run.ts'],
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
          fileParallelism: false,
        },
      },
    ],
  },
});
