import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { db } from '../../db/client.ts';
import { promotionTick } from '../../server/domain/promotions/tick.ts';

// Every minute (workers/crontab.ts): each policy whose scheduled time has come gets one run. Runs
// are keyed by policy and scheduled time, so a retried job or a second worker records nothing twice.
const payload = z.object({}).passthrough().nullable();

const task: Task = async (raw, helpers) => {
  payload.parse(raw);
  const results = await promotionTick(db(), new Date(), { signal: helpers.abortSignal });
  for (const { policyId, run } of results) {
    if ('error' in run) helpers.logger.error(`promotion policy ${policyId}: ${run.error}`);
    else if ('duplicate' in run) helpers.logger.debug(`promotion policy ${policyId}: this tick was run already`);
    else helpers.logger.info(`promotion policy ${policyId}: run #${run.runId} ${run.status} (${run.reason})`);
  }
};

export default task;
