import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { modelCopies, models } from '../../db/schema/models.ts';
import { rollouts } from '../../db/schema/rollouts.ts';
import { enqueue, type JobRequest } from './queue.ts';

// MySQL (the record) and PostgreSQL (the queue) cannot commit together. So a mutation writes its
// work as a row in MySQL first — the outbox — and enqueues after commit; if that enqueue is lost
// (queue down, process killed between the two), this dispatcher finds the row still pending and
// adds the job again. Adding is idempotent through the job key, so running it often is harmless.

/** The job that carries out a queued rollout: one queue per service keeps its rollouts in order. */
export function rolloutJob(rollout: { id: number; serviceId: number }): JobRequest {
  return {
    task: 'rollout',
    payload: { rolloutId: rollout.id },
    jobKey: `rollout:${rollout.id}`,
    queueName: `service:${rollout.serviceId}`,
  };
}

/**
 * The job that copies a model to one cluster's storage. Copies of one model run in parallel; the
 * key makes a copy that is asked for twice (upload, switch, retry, dispatcher) run once at a time.
 */
export function modelCopyJob(copy: { modelId: number; clusterId: number }): JobRequest {
  return { task: 'model-copy', payload: { modelId: copy.modelId, clusterId: copy.clusterId }, jobKey: `model-copy:${copy.modelId}:${copy.clusterId}` };
}

/** The job that removes a deleted model's files from staging and every cluster, then its row. */
export function modelDeleteJob(modelId: number): JobRequest {
  return { task: 'model-delete', payload: { modelId }, jobKey: `model-delete:${modelId}` };
}

type OutboxSource = {
  name: string;
  /** Pending rows after `afterId`, oldest first, as the jobs that carry them out. */
  pending: (db: Db, afterId: number, limit: number) => Promise<{ id: number; job: JobRequest }[]>;
};

const sources: OutboxSource[] = [
  {
    name: 'rollouts',
    pending: async (db, afterId, limit) => {
      const rows = await db
        .select({ id: rollouts.id, serviceId: rollouts.serviceId })
        .from(rollouts)
        .where(and(eq(rollouts.status, 'queued'), gt(rollouts.id, afterId)))
        .orderBy(asc(rollouts.id))
        .limit(limit);
      return rows.map((row) => ({ id: row.id, job: rolloutJob(row) }));
    },
  },
  {
    name: 'model copies',
    pending: async (db, afterId, limit) => {
      const rows = await db
        .select({ id: modelCopies.id, modelId: modelCopies.modelId, clusterId: modelCopies.clusterId })
        .from(modelCopies)
        .where(and(eq(modelCopies.status, 'pending'), gt(modelCopies.id, afterId)))
        .orderBy(asc(modelCopies.id))
        .limit(limit);
      return rows.map((row) => ({ id: row.id, job: modelCopyJob(row) }));
    },
  },
  {
    name: 'model deletions',
    pending: async (db, afterId, limit) => {
      const rows = await db
        .select({ id: models.id })
        .from(models)
        .where(and(isNotNull(models.deletingAt), gt(models.id, afterId)))
        .orderBy(asc(models.id))
        .limit(limit);
      return rows.map((row) => ({ id: row.id, job: modelDeleteJob(row.id) }));
    },
  },
];

const BATCH = 500;

/** Re-adds the jobs of every pending outbox row. Returns how many it (re-)added per source. */
export async function dispatchOutbox(db: Db, add: (job: JobRequest) => Promise<unknown> = enqueue): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const source of sources) {
    let afterId = 0;
    let count = 0;
    for (;;) {
      const batch = await source.pending(db, afterId, BATCH);
      for (const row of batch) await add(row.job);
      count += batch.length;
      const last = batch.at(-1);
      if (!last || batch.length < BATCH) break;
      afterId = last.id;
    }
    counts[source.name] = count;
  }
  return counts;
}
