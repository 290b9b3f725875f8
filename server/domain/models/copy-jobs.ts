import { and, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { modelCopies } from '../../../db/schema/models.ts';
import { services } from '../../../db/schema/services.ts';
import { modelCopyJob } from '../../jobs/outbox.ts';
import { enqueue } from '../../jobs/queue.ts';
import { logger } from '../../log.ts';

/** The clusters the application's live services run on: where its models must be copied. */
export async function applicationClusters(db: DbOrTx, applicationId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ clusterId: services.clusterId })
    .from(services)
    .where(and(eq(services.applicationId, applicationId), isNull(services.deletedAt), isNotNull(services.clusterId), ne(services.status, 'deleted')));
  return rows.flatMap((row) => (row.clusterId === null ? [] : [row.clusterId]));
}

/**
 * Records a pending copy of the model to each cluster that has none yet (inside the caller's
 * transaction: the rows are the outbox of the copy jobs). Returns the copies it added.
 */
export async function addPendingCopies(tx: DbOrTx, modelId: number, clusterIds: number[]): Promise<{ modelId: number; clusterId: number }[]> {
  if (clusterIds.length === 0) return [];
  const existing = await tx
    .select({ clusterId: modelCopies.clusterId })
    .from(modelCopies)
    .where(and(eq(modelCopies.modelId, modelId), inArray(modelCopies.clusterId, clusterIds)));
  const have = new Set(existing.map((row) => row.clusterId));
  const missing = [...new Set(clusterIds)].filter((clusterId) => !have.has(clusterId));
  if (missing.length === 0) return [];
  // Ignored duplicates: a parallel request added the same copy; its job carries it out.
  await tx
    .insert(modelCopies)
    .values(missing.map((clusterId) => ({ modelId, clusterId })))
    .onDuplicateKeyUpdate({ set: { modelId } });
  return missing.map((clusterId) => ({ modelId, clusterId }));
}

/** Adds the copy jobs after commit; a lost enqueue is repaired by the outbox dispatcher. */
export async function enqueueCopies(copies: { modelId: number; clusterId: number }[]): Promise<void> {
  for (const copy of copies) {
    try {
      await enqueue(modelCopyJob(copy));
    } catch (error) {
      logger.warn('could not enqueue a model copy; the outbox dispatcher will add it', { ...copy, error });
    }
  }
}
