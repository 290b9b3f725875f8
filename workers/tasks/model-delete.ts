import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { db } from '../../db/client.ts';
import { removeModelFiles } from '../../server/domain/models/remove-files.ts';

// Removes a deleted model's files (staging and every cluster), then its row. A storage error
// fails the job, which graphile-worker retries with backoff; the row stays marked meanwhile.

const payload = z.object({ modelId: z.number().int().positive() });

const task: Task = async (raw, helpers) => {
  const { modelId } = payload.parse(raw);
  const result = await removeModelFiles(db(), modelId);
  helpers.logger.debug(`model ${modelId}: ${result}`);
};

export default task;
