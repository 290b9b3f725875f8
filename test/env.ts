// Tests run against their own databases on the local servers, never the demo's. Integration tests
// and the e2e web server share this environment; CI and developers can point elsewhere through
// TEST_DATABASE_URL / TEST_JOBS_DATABASE_URL.
const base = {
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/drucker_test',
  JOBS_DATABASE_URL: process.env.TEST_JOBS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/drucker_test_jobs',
  NEXTAUTH_SECRET: 'test-secret-test-secret-test-secret-0123456789',
  DRUCKER_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  MODEL_STAGING_DIR: './data/test-models',
  LOG_LEVEL: 'warn',
  // Fault tests wait for these: a rollout's grace past its progress deadline, a dead worker's silence.
  ROLLOUT_DEADLINE_GRACE_SECONDS: '5',
  WORKER_DEAD_AFTER_SECONDS: '4',
  NODE_ENV: 'test',
} as const;

export const testEnv: Record<string, string> = { ...base };

/** Puts the test environment into process.env (before any module reads it). */
export function applyTestEnv(): void {
  for (const [key, value] of Object.entries(testEnv)) process.env[key] = value;
}
