import type { RunnerOptions } from 'graphile-worker';
import type { Env } from '../server/env.ts';
import { workerLogger } from './log.ts';

// Running jobs get this long to finish after SIGTERM; then their abortSignal fires and unfinished
// jobs are released for another worker to retry (every task is idempotent).
export const SHUTDOWN_GRACE_MS = 15_000;

/**
 * How the worker runs graphile-worker, shared by workers/main.ts and the benches so that what is
 * measured is what production runs.
 */
export function runnerOptions(env: Env): RunnerOptions {
  return {
    connectionString: env.JOBS_DATABASE_URL,
    concurrency: env.WORKER_CONCURRENCY,
    // Connections are only held for queue queries, never while a task runs; one per job slot avoids waiting.
    maxPoolSize: env.WORKER_CONCURRENCY,
    noHandleSignals: true,
    logger: workerLogger,
    // 0.16 picks up the next job of a queue at once (LISTEN/NOTIFY); the poll only covers missed notifications.
    pollInterval: 1000,
    preset: { worker: { gracefulShutdownAbortTimeout: SHUTDOWN_GRACE_MS } },
  };
}
