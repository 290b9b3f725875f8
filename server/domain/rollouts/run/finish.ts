import { and, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import { type Db, type Tx, rowLocksOnly } from '../../../../db/client.ts';
import { rollouts } from '../../../../db/schema/rollouts.ts';
import { services } from '../../../../db/schema/services.ts';
import type { Actor } from '../../../auth/actor.ts';
import { logger } from '../../../log.ts';
import { sameSpec } from '../../services/spec.ts';
import { enqueueRollout } from '../record.ts';
import { recordRollback } from '../rollback.ts';
import type { RolloutContext } from './load.ts';

export type Outcome = { status: 'succeeded'; kubeRevision?: string | null } | { status: 'failed'; error: string };

const automatic: Actor = { type: 'system', label: 'drucker (automatic rollback)' };

/**
 * Records how a rollout ended, sets the service's status (unless a newer rollout is already
 * queued, which will set it), and — when the service asks for it — queues a rollback to the last
 * succeeded revision after a failure. One transaction: a worker dying here either did all of it or
 * none, and the retried job finds the rollout ended and stops.
 */
export async function finishRollout(db: Db, context: RolloutContext, outcome: Outcome): Promise<{ ended: boolean; rollbackRolloutId: number | null }> {
  const { rollout, service, application } = context;
  const result = await db.transaction(async (tx) => {
    await tx.select({ id: services.id }).from(services).where(eq(services.id, service.id)).for('update');
    const ended = await tx
      .update(rollouts)
      .set({
        status: outcome.status,
        error: outcome.status === 'failed' ? outcome.error : null,
        ...(outcome.status === 'succeeded' && outcome.kubeRevision ? { kubeRevision: outcome.kubeRevision } : {}),
        ...(outcome.status === 'succeeded' ? { progress: 100 } : {}),
        finishedAt: sql`CURRENT_TIMESTAMP(3)`,
      })
      .where(and(eq(rollouts.id, rollout.id), eq(rollouts.status, 'running')));
    if (ended[0].affectedRows === 0) return { ended: false, rollback: null };
    // A traffic rollout changed the level's route, not the service: its status and history stay as they were.
    if (rollout.routing) return { ended: true, rollback: null };
    if (await newerQueued(tx, rollout)) return { ended: true, rollback: null };
    if (outcome.status === 'succeeded') {
      await tx
        .update(services)
        .set(rollout.kind === 'delete' ? { status: 'deleted', deletedAt: sql`CURRENT_TIMESTAMP(3)` } : { status: 'running' })
        .where(eq(services.id, service.id));
      return { ended: true, rollback: null };
    }
    await tx.update(services).set({ status: 'failed' }).where(eq(services.id, service.id));
    const [fresh] = await tx.select({ autoRollback: services.autoRollback }).from(services).where(eq(services.id, service.id));
    if (!fresh?.autoRollback || rollout.kind === 'rollback' || rollout.kind === 'delete') return { ended: true, rollback: null };
    const target = await lastSucceeded(tx, rollout);
    // Nothing earlier to return to (a first deploy failed), or the failed spec is that one already.
    if (!target || (sameSpec(target.spec, rollout.spec) && target.modelId === rollout.modelId)) return { ended: true, rollback: null };
    const firstLine = outcome.error.split('\n')[0] ?? outcome.error;
    const rollback = await recordRollback(tx, automatic, application.projectId, {
      serviceId: service.id,
      toRolloutId: target.id,
      reason: `automatic rollback: revision ${rollout.revision} failed (${firstLine.slice(0, 300)})`,
    });
    return { ended: true, rollback };
  }, rowLocksOnly);
  if (result.rollback) {
    logger.info('rollout failed; rolling back automatically', { rolloutId: rollout.id, rollbackRolloutId: result.rollback.rolloutId });
    await enqueueRollout(result.rollback);
  }
  return { ended: result.ended, rollbackRolloutId: result.rollback?.rolloutId ?? null };
}

async function newerQueued(tx: Tx, rollout: RolloutContext['rollout']): Promise<boolean> {
  const [row] = await tx
    .select({ id: rollouts.id })
    .from(rollouts)
    .where(and(eq(rollouts.serviceId, rollout.serviceId), gt(rollouts.id, rollout.id), eq(rollouts.status, 'queued'), isNull(rollouts.routing)))
    .limit(1);
  return row !== undefined;
}

async function lastSucceeded(tx: Tx, rollout: RolloutContext['rollout']) {
  const [row] = await tx
    .select({ id: rollouts.id, spec: rollouts.spec, modelId: rollouts.modelId })
    .from(rollouts)
    .where(and(eq(rollouts.serviceId, rollout.serviceId), lt(rollouts.id, rollout.id), eq(rollouts.status, 'succeeded'), ne(rollouts.kind, 'delete'), isNull(rollouts.routing)))
    .orderBy(desc(rollouts.id))
    .limit(1);
  return row;
}
