import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeWorkerUtils, run, type Runner, type WorkerEvents } from 'graphile-worker';
import { closeDb, db } from '../db/client.ts';
import { preflight } from '../db/preflight.ts';
import { envOrExit } from '../server/env.ts';
import { startLiveness } from '../server/jobs/liveness.ts';
import { dispatchOutbox } from '../server/jobs/outbox.ts';
import { closeQueue, enqueue } from '../server/jobs/queue.ts';
import { closePublisher } from '../server/live/publish.ts';
import { logger } from '../server/log.ts';
import { crontab } from './crontab.ts';
import { workerLogger } from './log.ts';
import { runnerOptions, SHUTDOWN_GRACE_MS } from './run-options.ts';
import { taskList } from './task-list.ts';

type Started = { runner: Runner; stop: () => Promise<void> };

/** Checks the databases once, at start: a misconfigured worker says so and exits. */
async function preflightOrExit(): Promise<void> {
  const env = envOrExit();
  const problems = await preflight({ mysql: env.DATABASE_URL, postgres: env.JOBS_DATABASE_URL });
  if (problems.length > 0) {
    for (const problem of problems) console.error(`drucker worker: ${problem}`);
    process.exit(1);
  }
}

async function startWorker(): Promise<Started> {
  const env = envOrExit();
  const utils = await makeWorkerUtils({ connectionString: env.JOBS_DATABASE_URL, logger: workerLogger });
  const events = new EventEmitter() as WorkerEvents;
  const liveness = startLiveness(env.JOBS_DATABASE_URL, utils, events, env.WORKER_DEAD_AFTER_SECONDS);
  // After the queue's database comes back, jobs for changes accepted meanwhile are added at once
  // rather than at the dispatcher's next minute.
  events.on('pool:listen:success', () => {
    void dispatchOutbox(db(), enqueue).catch((error: unknown) => logger.warn('outbox dispatch after reconnecting failed', { error }));
  });
  try {
    // Jobs a killed worker left locked are released before this one starts taking jobs.
    await liveness.reap();
    const runner = await run({ ...runnerOptions(env), events, taskList, crontab });
    // Anything accepted while no worker was running is picked up now, not at the next cron minute.
    const counts = await dispatchOutbox(db(), enqueue);
    logger.info('worker started', { concurrency: env.WORKER_CONCURRENCY, tasks: Object.keys(taskList), outbox: counts });
    return {
      runner,
      stop: async () => {
        await Promise.resolve(runner.stop()).catch(() => undefined);
        await liveness.stop();
        await utils.release();
      },
    };
  } catch (error) {
    await liveness.stop().catch(() => undefined);
    await Promise.resolve(utils.release()).catch(() => undefined);
    throw error;
  }
}

/**
 * Runs the worker until SIGTERM/SIGINT (started by workers/main.ts). graphile-worker's runner ends when it loses its database
 * (its cron scheduler gives up); then this starts a new one, backing off up to 30 s, so a
 * PostgreSQL restart or outage costs minutes of delay, not a dead worker.
 */
export async function runWorker(): Promise<void> {
  await preflightOrExit();
  let current: Started | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`received ${signal} again; exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`received ${signal}; finishing running jobs (up to ${SHUTDOWN_GRACE_MS / 1000} s)`);
    void (current?.stop() ?? Promise.resolve()).finally(async () => {
      await Promise.allSettled([closeQueue(), closeDb(), closePublisher()]);
      logger.info('worker stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  let delayMs = 1_000;
  while (!stopping) {
    try {
      current = await startWorker();
      delayMs = 1_000;
      await current.runner.promise;
      if (stopping) return;
      logger.error('the worker runner ended on its own; starting a new one');
    } catch (error) {
      if (stopping) return;
      logger.error(`the worker lost its queue database; starting again in ${delayMs / 1000} s`, { error });
    }
    const ended = current;
    current = undefined;
    await ended?.stop().catch(() => undefined);
    await sleep(delayMs);
    delayMs = Math.min(delayMs * 2, 30_000);
  }
}
