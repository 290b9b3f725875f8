import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { modelCopies } from '../../../db/schema/models.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, notFound, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { id } from '../names.ts';
import { enqueueCopies } from './copy-jobs.ts';
import { findModel } from './queries.ts';

export const retryCopyInput = z.object({ modelId: id, clusterId: id });

/** Starts a failed copy again from the beginning. */
export async function retryCopy(db: Db, actor: Actor, projectId: number, raw: z.input<typeof retryCopyInput>, requestId?: string): Promise<void> {
  const input = parseInput(retryCopyInput, raw);
  await db.transaction(async (tx) => {
    const found = await findModel(tx, projectId, input.modelId);
    if (!found) throw notFound('That model');
    if (found.model.deletingAt) throw new AppError('PRECONDITION_FAILED', `Model ${found.model.name} ${found.model.version} is being deleted.`);
    const where = and(eq(modelCopies.modelId, input.modelId), eq(modelCopies.clusterId, input.clusterId));
    const [copy] = await tx.select().from(modelCopies).where(where);
    if (!copy) throw new AppError('NOT_FOUND', `Model ${found.model.name} ${found.model.version} has no copy on cluster ${input.clusterId}.`);
    if (copy.status !== 'failed') {
      throw new AppError('PRECONDITION_FAILED', `The copy is ${copy.status}; only a failed copy can be retried.`);
    }
    await tx.update(modelCopies).set({ status: 'pending', error: null, attempts: 0, bytesCopied: 0 }).where(and(where, eq(modelCopies.status, 'failed')));
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'model.retryCopy',
      target: { type: 'model', id: found.model.id, label: `${found.model.name} ${found.model.version}` },
      summary: `retried the copy of model ${found.model.name} ${found.model.version} to cluster ${input.clusterId}`,
      requestId,
    });
  });
  await enqueueCopies([{ modelId: input.modelId, clusterId: input.clusterId }]);
}
