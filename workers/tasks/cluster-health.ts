import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { db } from '../../db/client.ts';
import { checkAllClusters } from '../../server/domain/clusters/check-all.ts';

// Cron payloads carry `_cron`; old jobs outlive new types, so the payload is checked anyway.
const payload = z.object({}).passthrough().nullable();

// Every minute (workers/crontab.ts): a few clusters at a time, 10 s each at most, so a sweep of
// many dead clusters still ends well within the minute for the healthy ones.
const CONCURRENCY = 8;
const TIMEOUT_MS = 10_000;

const task: Task = async (raw, helpers) => {
  payload.parse(raw);
  const sweep = await checkAllClusters(db(), { concurrency: CONCURRENCY, timeoutMs: TIMEOUT_MS, signal: helpers.abortSignal });
  if (sweep.unhealthy.length > 0) {
    helpers.logger.warn(`cluster health: ${sweep.healthy} of ${sweep.checked} healthy`, {
      unhealthy: sweep.unhealthy.map((c) => ({ clusterId: c.clusterId, name: c.name, health: c.health, error: c.error })),
    });
  } else if (sweep.checked > 0) {
    helpers.logger.debug(`cluster health: all ${sweep.checked} healthy`);
  }
};

export default task;
