import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import { env } from '../env.ts';

// The one way into the job queue (STYLE.md): callers name a task and a payload; graphile-worker
// stays an implementation detail of this file and workers/.
export type JobRequest = {
  task: string;
  payload: Record<string, unknown>;
  /** De-duplicates: adding the same key again replaces the pending job instead of adding one. */
  jobKey?: string;
  /** Jobs of one queue run one at a time, in order. */
  queueName?: string;
  runAt?: Date;
  maxAttempts?: number;
};

const holder = globalThis as unknown as { druckerWorkerUtils?: Promise<WorkerUtils> };

function utils(): Promise<WorkerUtils> {
  holder.druckerWorkerUtils ??= makeWorkerUtils({ connectionString: env().JOBS_DATABASE_URL });
  return holder.druckerWorkerUtils;
}

export async function enqueue(job: JobRequest): Promise<{ jobId: string }> {
  const added = await (await utils()).addJob(job.task, job.payload, {
    jobKey: job.jobKey,
    queueName: job.queueName,
    runAt: job.runAt,
    maxAttempts: job.maxAttempts,
  });
  return { jobId: String(added.id) };
}

export async function closeQueue(): Promise<void> {
  const pending = holder.druckerWorkerUtils;
  holder.druckerWorkerUtils = undefined;
  if (pending) await (await pending).release();
}
