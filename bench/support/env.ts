import { testEnv } from '../../test/env.ts';

// Benches run against their own database pair (never the demo's, never the tests' shared one, whose
// rows and queued jobs would skew the figures): the test databases' names with `_perf`, or
// BENCH_DATABASE_URL / BENCH_JOBS_DATABASE_URL.

const renamed = (url: string, suffix: string) => {
  const parsed = new URL(url);
  parsed.pathname = `${parsed.pathname}${suffix}`;
  return parsed.toString();
};

export const benchEnv = {
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? renamed(testEnv.DATABASE_URL!, '_perf'),
  JOBS_DATABASE_URL: process.env.BENCH_JOBS_DATABASE_URL ?? renamed(testEnv.JOBS_DATABASE_URL!, '_perf'),
  NEXTAUTH_SECRET: testEnv.NEXTAUTH_SECRET!,
  DRUCKER_SECRET_KEY: testEnv.DRUCKER_SECRET_KEY!,
  MODEL_STAGING_DIR: './data/bench-models',
  LOG_LEVEL: 'error',
  // Production defaults otherwise (concurrency, deadlines): what is measured is what runs.
} as const;

/** Puts the bench environment into process.env (before anything reads it) and migrates both databases. */
export async function prepareBenchDatabases(): Promise<void> {
  for (const [key, value] of Object.entries(benchEnv)) process.env[key] = value;
  const { migrateAll } = await import('../../db/migrate.ts');
  await migrateAll({ mysql: benchEnv.DATABASE_URL, postgres: benchEnv.JOBS_DATABASE_URL });
}
