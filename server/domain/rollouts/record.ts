import { and, eq, inArray, isNotNull, isNull, lt, max, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { rollouts, type RolloutKind, type RoutingSnapshot } from '../../../db/schema/rollouts.ts';
import { actorColumns, type Actor } from '../../auth/actor.ts';
import { rolloutJob } from '../../jobs/outbox.ts';
import { enqueue } from '../../jobs/queue.ts';
import { announceService } from '../../live/announce.ts';
import { logger } from '../../log.ts';
import type { ServiceSpec } from '../services/spec.ts';

export type NewRollout = {
  serviceId: number;
  kind: RolloutKind;
  spec: ServiceSpec;
  modelId: number | null;
  rollbackToRolloutId?: number | null;
  actor: Actor;
  reason?: string | null;
  /**
   * A traffic rollout: the level's split, and every service of the level (queued traffic rollouts
   * of any of them are superseded; the service's own queued rollouts are not).
   */
  routing?: { snapshot: RoutingSnapshot; levelServiceIds: number[] };
};

/**
 * Inserts a queued rollout with the service's next revision, and marks any older rollout of the
 * service that is still queued as superseded by it: each rollout carries the whole desired spec,
 * so the newer one makes the older pointless to run. Call inside the mutation's transaction
 * (`rowLocksOnly`), after locking the service row (`lockService`), so parallel changes get
 * distinct revisions in the order they committed.
 */
export async function insertRollout(tx: Tx, rollout: NewRollout): Promise<{ rolloutId: number; revision: number; superseded: number[] }> {
  const [last] = await tx.select({ revision: max(rollouts.revision) }).from(rollouts).where(eq(rollouts.serviceId, rollout.serviceId));
  const revision = (last?.revision ?? 0) + 1;
  const [inserted] = await tx
    .insert(rollouts)
    .values({
      serviceId: rollout.serviceId,
      revision,
      kind: rollout.kind,
      spec: rollout.spec,
      modelId: rollout.modelId,
      rollbackToRolloutId: rollout.rollbackToRolloutId ?? null,
      ...(rollout.routing ? { routing: rollout.routing.snapshot } : {}),
      status: 'queued',
      ...actorColumns(rollout.actor),
      actorLabel: rollout.actor.label,
      reason: rollout.reason?.trim() || null,
    })
    .$returningId();
  if (!inserted) throw new Error('insert returned no id');
  // Found with a plain (non-locking) read, then superseded one by one by primary key. One UPDATE
  // with `status = 'queued'` in its WHERE goes through the status index and locks the queued
  // entries of every service on its way, among them other mutations' uncommitted rollouts: edits
  // of two different services committed at once deadlocked (bench/rollout-pickup.bench.ts). The
  // service row lock the caller holds keeps new rollouts of this service from appearing meanwhile;
  // one the worker claims or a user cancels meanwhile fails the status check and is left alone.
  // A traffic change and a change of the service's own objects never make each other pointless.
  const overtaken = rollout.routing
    ? and(inArray(rollouts.serviceId, rollout.routing.levelServiceIds), isNotNull(rollouts.routing))
    : and(eq(rollouts.serviceId, rollout.serviceId), isNull(rollouts.routing));
  const queued = await tx
    .select({ id: rollouts.id })
    .from(rollouts)
    .where(and(overtaken, eq(rollouts.status, 'queued'), lt(rollouts.id, inserted.id)));
  const superseded: number[] = [];
  for (const { id } of queued) {
    const [result] = await tx
      .update(rollouts)
      .set({ status: 'superseded', supersededById: inserted.id, finishedAt: sql`CURRENT_TIMESTAMP(3)` })
      .where(and(eq(rollouts.id, id), eq(rollouts.status, 'queued')));
    if (result.affectedRows > 0) superseded.push(id);
  }
  return { rolloutId: inserted.id, revision, superseded };
}

/**
 * Adds the rollout's job after its transaction committed. A failure here loses nothing: the row
 * is queued in MySQL, and the outbox dispatcher adds the job on the worker's next start or minute.
 */
export async function enqueueRollout(rollout: { rolloutId: number; serviceId: number }): Promise<void> {
  try {
    await enqueue(rolloutJob({ id: rollout.rolloutId, serviceId: rollout.serviceId }));
  } catch (error) {
    logger.warn('could not enqueue a rollout; the outbox dispatcher will add it', { rolloutId: rollout.rolloutId, error });
  }
  await announceService(rollout.serviceId, rollout.rolloutId);
}
