import { and, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { rowLocksOnly, type Db, type Tx } from '../../../db/client.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { id } from '../names.ts';
import { reason } from '../services/inputs.ts';
import { cancelWaitingPromotions } from '../promotions/cancel-waiting.ts';
import { pinAfterRollback } from '../promotions/pins.ts';
import { recordRoutingRollback } from '../routing/rollback.ts';
import { lockService } from '../services/lock.ts';
import { sameSpec } from '../services/spec.ts';
import { enqueueRollout, insertRollout } from './record.ts';

export const rollbackInput = z.object({
  serviceId: id,
  toRolloutId: id,
  reason,
  /**
   * An emergency rollback skips every promotion gate: it cancels approvals the service's promotions
   * wait for, and is audited as an emergency.
   */
  emergency: z.boolean().optional(),
});

/**
 * A rollback is a new rollout whose spec and model are copied from an earlier succeeded one of the
 * same service; history is never rewritten.
 */
export async function rollbackService(
  db: Db,
  actor: Actor,
  projectId: number,
  raw: z.input<typeof rollbackInput>,
  requestId?: string,
): Promise<{ rolloutId: number }> {
  const input = parseInput(rollbackInput, raw);
  const result = await db.transaction((tx) => recordRollback(tx, actor, projectId, input, requestId), rowLocksOnly);
  await enqueueRollout(result);
  return { rolloutId: result.rolloutId };
}

/** The rollback inside a caller's transaction (automatic rollback after a failure uses it too). */
export async function recordRollback(
  tx: Tx,
  actor: Actor,
  projectId: number,
  input: z.infer<typeof rollbackInput>,
  requestId?: string,
): Promise<{ rolloutId: number; serviceId: number }> {
  // A traffic rollout restores the level's split, not the service's spec (routing/rollback.ts).
  const [routing] = await tx
    .select()
    .from(rollouts)
    .where(and(eq(rollouts.id, input.toRolloutId), eq(rollouts.serviceId, input.serviceId), isNotNull(rollouts.routing)));
  if (routing?.routing) {
    if (routing.status !== 'succeeded') {
      throw new AppError('PRECONDITION_FAILED', `Revision ${routing.revision} did not succeed (${routing.status}); roll back to a traffic split that was applied.`);
    }
    return recordRoutingRollback(tx, actor, projectId, { ...routing, routing: routing.routing }, input.reason, requestId);
  }
  const { service } = await lockService(tx, projectId, input.serviceId);
  const [target] = await tx
    .select()
    .from(rollouts)
    .where(and(eq(rollouts.id, input.toRolloutId), eq(rollouts.serviceId, service.id)));
  if (!target) throw new AppError('NOT_FOUND', `Rollout ${input.toRolloutId} is not a rollout of service ${service.displayName}.`);
  if (target.status !== 'succeeded' || target.kind === 'delete') {
    throw new AppError('PRECONDITION_FAILED', `Revision ${target.revision} did not succeed (${target.status}); roll back to a revision that ran successfully.`);
  }
  if (sameSpec(target.spec, service.spec) && target.modelId === service.currentModelId) {
    throw new AppError('PRECONDITION_FAILED', `The service already asks for revision ${target.revision}'s configuration and model; there is nothing to roll back.`);
  }
  await tx.update(services).set({ spec: target.spec, currentModelId: target.modelId, status: 'deploying' }).where(eq(services.id, service.id));
  const { rolloutId, revision } = await insertRollout(tx, {
    serviceId: service.id,
    kind: 'rollback',
    spec: target.spec,
    modelId: target.modelId,
    rollbackToRolloutId: target.id,
    actor,
    reason: input.reason,
  });
  // Rolling a promoted model back pins it here, so no policy brings it back on its own.
  const pinned = await pinAfterRollback(tx, { serviceId: service.id, fromModelId: service.currentModelId, toModelId: target.modelId, rolloutId, actor, reason: input.reason });
  const cancelled = input.emergency ? await cancelWaitingPromotions(tx, service.id, actor) : 0;
  await recordAudit(tx, {
    projectId,
    actor,
    action: input.emergency ? 'rollout.emergencyRollback' : 'rollout.rollback',
    target: { type: 'service', id: service.id, label: service.displayName },
    summary: `${input.emergency ? 'EMERGENCY: ' : ''}rolled back ${service.k8sName} to revision ${target.revision} (new revision ${revision})${input.reason ? `: ${input.reason}` : ''}${
      pinned ? `; model ${service.currentModelId} is pinned off this service` : ''
    }${cancelled ? `; ${cancelled} promotion${cancelled === 1 ? '' : 's'} waiting for approval cancelled` : ''}`,
    before: { spec: service.spec, modelId: service.currentModelId },
    after: { spec: target.spec, modelId: target.modelId, toRolloutId: target.id, rolloutId, emergency: input.emergency ?? false, pinned },
    requestId,
  });
  return { rolloutId, serviceId: service.id };
}
