import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { db } from '../../db/client.ts';
import { copyModelToCluster } from '../../server/domain/models/copy.ts';

// Copies a model from staging to one cluster's storage and verifies it there (DESIGN.md
// "Models"). Retries with backoff happen inside; a copy that fails them all is marked failed and
// the job ends (a person retries it from the model page, or a switch starts it again).

const payload = z.object({ modelId: z.number().int().positive(), clusterId: z.number().int().positive() });

const task: Task = async (raw, helpers) => {
  const ids = payload.parse(raw);
  const outcome = await copyModelToCluster(db(), ids, { signal: helpers.abortSignal });
  if (outcome.status === 'failed') helpers.logger.warn(outcome.error);
  else helpers.logger.debug(`model copy ${ids.modelId} → cluster ${ids.clusterId}: ${outcome.status}`);
};

export default task;
