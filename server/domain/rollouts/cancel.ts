import { announceService } from '../../live/announce.ts';
import { and, eq } from 'drizzle-orm';
import { type Db, rowLocksOnly } from '../../../db/client.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { restoreDesiredState } from '../services/desired.ts';
import { findRollout } from './queries.ts';

/** Cancels a rollout that has not started. One that is running is already changing the cluster: roll back instead. */
export async function cancelRollout(db: Db, actor: Actor, projectId: number, rolloutId: number, requestId?: string): Promise<void> {
  const serviceId = await db.transaction(async (tx) => {
    const rollout = await findRollout(tx, projectId, rolloutId);
    // The service row is the lock every change of this service takes (services/lock.ts).
    const [service] = await tx.select().from(services).where(eq(services.id, rollout.serviceId)).for('update');
    const cancelled = await tx
      .update(rollouts)
      .set({ status: 'cancelled', finishedAt: new Date() })
      .where(and(eq(rollouts.id, rolloutId), eq(rollouts.status, 'queued')));
    if (cancelled[0].affectedRows === 0) {
      const [now] = await tx.select({ status: rollouts.status }).from(rollouts).where(eq(rollouts.id, rolloutId));
      throw new AppError(
        'PRECONDITION_FAILED',
        now?.status === 'running'
          ? `Rollout #${rollout.revision} is already running and cannot be cancelled; roll back to an earlier revision once it ends.`
          : `Rollout #${rollout.revision} has already ended (${now?.status ?? rollout.status}); only queued rollouts can be cancelled.`,
      );
    }
    await restoreDesiredState(tx, rollout.serviceId);
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'rollout.cancel',
      target: { type: 'service', id: rollout.serviceId, label: service?.displayName ?? null },
      summary: `cancelled ${rollout.kind} rollout #${rollout.revision} of ${service?.k8sName ?? `service ${rollout.serviceId}`}`,
      before: { status: 'queued', rolloutId },
      after: { status: 'cancelled' },
      requestId,
    });
    return rollout.serviceId;
  }, rowLocksOnly);
  await announceService(serviceId, rolloutId);
}
