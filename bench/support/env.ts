import mysql from 'mysql2/promise';
import pg from 'pg';
import { testEnv } from '../../test/env.ts';

// Each bench runs against its own database pair (never the demo's, never the tests' shared one, whose
// rows and queued jobs would skew the figures): the test databases' names with `_perf_<bench>`, or
// BENCH_DATABASE_URL / BENCH_JOBS_DATABASE_URL with `_<bench>`.

const renamed = (url: string, suffix: string) => {
  const parsed = new URL(url);
  parsed.pathname = `${parsed.pathname}${suffix}`;
  return parsed.toString();
};

const benchEnvFor = (bench: string) => ({
  DATABASE_URL: process.env.BENCH_DATABASE_URL ? renamed(process.env.BENCH_DATABASE_URL, `_${bench}`) : renamed(testEnv.DATABASE_URL!, `_perf_${bench}`),
  JOBS_DATABASE_URL: process.env.BENCH_JOBS_DATABASE_URL ? renamed(process.env.BENCH_JOBS_DATABASE_URL, `_${bench}`) : renamed(testEnv.JOBS_DATABASE_URL!, `_perf_${bench}`),
  NEXTAUTH_SECRET: testEnv.NEXTAUTH_SECRET!,
  DRUCKER_SECRET_KEY: testEnv.DRUCKER_SECRET_KEY!,
  MODEL_STAGING_DIR: './data/bench-models',
  LOG_LEVEL: 'error',
  // Production defaults otherwise (concurrency, deadlines): what is measured is what runs.
});

/**
 * Puts the bench environment into process.env (before anything reads it) and makes both databases
 * afresh: rollouts and jobs an earlier, interrupted run left behind would otherwise occupy the
 * worker (their clusters are gone) and skew every figure.
 */
export async function prepareBenchDatabases(bench: string): Promise<void> {
  const benchEnv = benchEnvFor(bench);
  for (const [key, value] of Object.entries(benchEnv)) process.env[key] = value;
  const mysqlUrl = new URL(benchEnv.DATABASE_URL);
  const mysqlName = decodeURIComponent(mysqlUrl.pathname.slice(1));
  mysqlUrl.pathname = '/';
  const server = await mysql.createConnection(mysqlUrl.toString());
  try {
    await server.query(`DROP DATABASE IF EXISTS \`${mysqlName}\``);
  } finally {
    await server.end();
  }
  const pgUrl = new URL(benchEnv.JOBS_DATABASE_URL);
  const pgName = decodeURIComponent(pgUrl.pathname.slice(1));
  pgUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: pgUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const { migrateAll } = await import('../../db/migrate.ts');
  await migrateAll({ mysql: benchEnv.DATABASE_URL, postgres: benchEnv.JOBS_DATABASE_URL });
}
