import { run, type Runner } from 'graphile-worker';
import { db } from '../db/client.ts';
import { dispatchOutbox } from '../server/jobs/outbox.ts';
import { env } from '../server/env.ts';
import { taskList } from '../workers/task-list.ts';
import { workerLogger } from '../workers/log.ts';

/** The real task list on the real queue, in this process (fault tests run workers/main.ts as a process instead). */
export async function startTestWorker(concurrency = 8): Promise<Runner> {
  const runner = await run({
    connectionString: env().JOBS_DATABASE_URL,
    concurrency,
    taskList,
    noHandleSignals: true,
    logger: workerLogger,
    pollInterval: 1000,
  });
  await dispatchOutbox(db());
  return runner;
}
