import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowLocksOnly, type Db } from '../../../db/client.ts';
import { models } from '../../../db/schema/models.ts';
import { promotionPolicies, promotionRuns } from '../../../db/schema/promotions.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { modelDeleteJob } from '../../jobs/outbox.ts';
import { enqueue } from '../../jobs/queue.ts';
import { logger } from '../../log.ts';
import { AppError, notFound, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { id, nameSome } from '../names.ts';
import { findModel } from './queries.ts';

export const deleteModelInput = z.object({ modelId: id });

/**
 * Deletes a model nobody needs: refused while a service runs it or a promotion waits to promote
 * it, naming them. The row is marked at once (it disappears from switch choices) and a job
 * removes its files from staging and every cluster, then the row.
 */
export async function deleteModel(db: Db, actor: Actor, projectId: number, raw: z.input<typeof deleteModelInput>, requestId?: string): Promise<void> {
  const input = parseInput(deleteModelInput, raw);
  await db.transaction(async (tx) => {
    const found = await findModel(tx, projectId, input.modelId);
    if (!found) throw notFound('That model');
    const { model } = found;
    const label = `${model.name} ${model.version}`;
    // The row lock orders this against a switch to the model (which reads it under a shared lock).
    await tx.execute(sql`SELECT id FROM models WHERE id = ${model.id} FOR UPDATE`);
    if (model.deletingAt) return;
    const running = await tx
      .select({ displayName: services.displayName, level: services.level })
      .from(services)
      .where(and(eq(services.currentModelId, model.id), isNull(services.deletedAt)));
    if (running.length > 0) {
      throw new AppError(
        'CONFLICT',
        `Model ${label} cannot be deleted while services run it: ${nameSome(running.map((s) => `${s.displayName} (${s.level})`))}. Switch them to another model first.`,
      );
    }
    const promoting = await tx
      .selectDistinct({ name: promotionPolicies.name })
      .from(promotionRuns)
      .innerJoin(promotionPolicies, eq(promotionPolicies.id, promotionRuns.policyId))
      .where(and(eq(promotionRuns.modelId, model.id), eq(promotionRuns.status, 'awaiting_approval')));
    if (promoting.length > 0) {
      throw new AppError(
        'CONFLICT',
        `Model ${label} cannot be deleted while promotion policies are about to promote it: ${nameSome(promoting.map((p) => p.name))}. Reject or finish those promotions first.`,
      );
    }
    await tx.update(models).set({ deletingAt: new Date() }).where(eq(models.id, model.id));
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'model.delete',
      target: { type: 'model', id: model.id, label },
      summary: `deleted model ${label} from ${found.application.name}`,
      before: { name: model.name, version: model.version, size: model.size, sha256: model.sha256 },
      requestId,
    });
  }, rowLocksOnly);
  try {
    await enqueue(modelDeleteJob(input.modelId));
  } catch (error) {
    logger.warn('could not enqueue a model deletion; the outbox dispatcher will add it', { modelId: input.modelId, error });
  }
}
