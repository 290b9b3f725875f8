import { defineConfig } from 'vitest/config';
import { testEnv } from './test/env.ts';

// Two tiers (STYLE.md): *.test.ts is pure logic and runs in parallel; *.integration.test.ts talks to
// the real MariaDB, PostgreSQL, kube-sim and S3-compatible server and runs one file at a time,
// because the machine has two cores and the databases are shared.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', 'node_modules/**', 'e2e/**', '.tools/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.integration.test.ts'],
          exclude: ['node_modules/**', 'e2e/**', '.tools/**'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: ['./test/global-setup.ts'],
          env: testEnv,
        },
      },
    ],
  },
});
