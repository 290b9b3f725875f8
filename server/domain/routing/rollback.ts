import { z } from 'zod';
import type { Db, Tx } from '../../../db/client.ts';
import type { ServiceLevel } from '../../../db/schema/common.ts';
import type { rollouts } from '../../../db/schema/rollouts.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, parseInput } from '../../errors.ts';
import { id } from '../names.ts';
import { findRollout } from '../rollouts/queries.ts';
import { rollbackService } from '../rollouts/rollback.ts';
import { reason } from '../services/inputs.ts';
import { findApplication, lockLevel } from './level.ts';
import { checkedSnapshot, desiredWeights, recordRouting } from './set-weights.ts';
import { level, sameWeights } from './weights.ts';

/**
 * Rolling back to a traffic rollout restores its split, checked against the level as it is now:
 * a service that was deleted since, or a new one without a weight, makes it a new split to set.
 */
export async function recordRoutingRollback(
  tx: Tx,
  actor: Actor,
  projectId: number,
  target: typeof rollouts.$inferSelect & { routing: NonNullable<(typeof rollouts.$inferSelect)['routing']> },
  reason: string | undefined,
  requestId?: string,
): Promise<{ rolloutId: number; serviceId: number }> {
  const level = target.routing.level as ServiceLevel;
  const application = await findApplication(tx, projectId, target.routing.applicationId);
  const live = await lockLevel(tx, application.id, level);
  let checked;
  try {
    checked = await checkedSnapshot(tx, application.id, level, live, target.routing.weights);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `Revision ${target.revision}'s traffic split no longer fits the level: ${error.message} Set new weights instead.`);
    throw error;
  }
  const current = await desiredWeights(tx, application.id, level);
  if (current && sameWeights(current, checked.snapshot.weights)) {
    throw new AppError('PRECONDITION_FAILED', `The level already asks for revision ${target.revision}'s traffic split; there is nothing to roll back.`);
  }
  return recordRouting(tx, {
    actor,
    projectId,
    application,
    live,
    anchor: checked.anchor,
    snapshot: checked.snapshot,
    kind: 'rollback',
    rollbackTo: { id: target.id, revision: target.revision },
    reason,
    requestId,
  });
}

export const routingRollbackInput = z.object({ applicationId: id, level, toRolloutId: id, reason });

/** `routing.rollback`: back to the split an earlier traffic rollout of this level applied. */
export async function rollbackRouting(db: Db, actor: Actor, projectId: number, raw: z.input<typeof routingRollbackInput>, requestId?: string): Promise<{ rolloutId: number }> {
  const input = parseInput(routingRollbackInput, raw);
  const target = await findRollout(db, projectId, input.toRolloutId);
  if (!target.routing || target.routing.applicationId !== input.applicationId || target.routing.level !== input.level) {
    throw new AppError('BAD_REQUEST', `Rollout ${input.toRolloutId} is not a traffic change of this application's ${input.level} level.`);
  }
  return rollbackService(db, actor, projectId, { serviceId: target.serviceId, toRolloutId: target.id, reason: input.reason }, requestId);
}
