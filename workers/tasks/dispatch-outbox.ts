import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { db } from '../../db/client.ts';
import { dispatchOutbox } from '../../server/jobs/outbox.ts';

// Cron payloads carry `_cron`; nothing else is needed, but old jobs outlive new types, so check.
const payload = z.object({}).passthrough().nullable();

const task: Task = async (raw, helpers) => {
  payload.parse(raw);
  const counts = await dispatchOutbox(db(), (job) =>
    helpers.addJob(job.task, job.payload, { jobKey: job.jobKey, queueName: job.queueName, runAt: job.runAt, maxAttempts: job.maxAttempts }),
  );
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total > 0) helpers.logger.info(`outbox: re-added ${total} pending job(s)`, { counts });
};

export default task;
