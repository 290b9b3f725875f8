import { eq } from 'drizzle-orm';
import { type Db, rowLocksOnly } from '../../../db/client.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { enqueueRollout, insertRollout } from '../rollouts/record.ts';
import { restartServiceInput } from './inputs.ts';
import { lockService } from './lock.ts';
import { serviceSpecSchema } from './spec.ts';

/**
 * The original Drucker's "edit Memo, Save Service": the memo becomes DRUCKER_SERVICE_UPDATE_FLAG,
 * and since it is part of the pod template, changing it rolls every pod.
 */
export async function restartService(
  db: Db,
  actor: Actor,
  projectId: number,
  raw: { serviceId: number; memo?: string; reason?: string },
  requestId?: string,
): Promise<{ rolloutId: number }> {
  const input = parseInput(restartServiceInput, raw);
  const result = await db.transaction(async (tx) => {
    const { service } = await lockService(tx, projectId, input.serviceId);
    const memo = input.memo ?? `restarted by ${actor.label} at ${new Date().toISOString()}`;
    if (memo === service.spec.memo) {
      throw new AppError('BAD_REQUEST', 'The memo is unchanged: write a new memo, since changing it is what restarts the pods.');
    }
    const spec = parseInput(serviceSpecSchema, { ...service.spec, memo });
    await tx.update(services).set({ spec, status: 'deploying' }).where(eq(services.id, service.id));
    const { rolloutId } = await insertRollout(tx, { serviceId: service.id, kind: 'restart', spec, modelId: service.currentModelId, actor, reason: input.reason });
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'service.restart',
      target: { type: 'service', id: service.id, label: service.displayName },
      summary: `restarted service ${service.k8sName} with memo "${memo}"${input.reason ? ` (${input.reason})` : ''}`,
      before: { memo: service.spec.memo },
      after: { memo, rolloutId },
      requestId,
    });
    return { rolloutId, serviceId: service.id };
  }, rowLocksOnly);
  await enqueueRollout(result);
  return { rolloutId: result.rolloutId };
}
