import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, rowLocksOnly } from '../../../db/client.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { addPendingCopies, enqueueCopies } from '../models/copy-jobs.ts';
import { id } from '../names.ts';
import { enqueueRollout, insertRollout } from '../rollouts/record.ts';
import { reason } from './inputs.ts';
import { lockService } from './lock.ts';
import { modelForService } from './model.ts';

export const switchModelInput = z.object({ serviceId: id, modelId: id, reason });

/**
 * The original's "Switch Models": a `model_switch` rollout with the service's spec and the new
 * model. The rollout waits for the model's verified copy on the service's cluster (asked for
 * here already, so it is usually there by the time the rollout runs), writes the runtime's
 * model_assignments row when the cluster has a service database, then rolls the pods with
 * DRUCKER_SERVICE_MODEL_FILE pointing at it.
 */
export async function switchModel(db: Db, actor: Actor, projectId: number, raw: z.input<typeof switchModelInput>, requestId?: string): Promise<{ rolloutId: number }> {
  const input = parseInput(switchModelInput, raw);
  const result = await db.transaction(async (tx) => {
    const { service } = await lockService(tx, projectId, input.serviceId);
    const model = await modelForService(tx, service.applicationId, input.modelId, { lock: true });
    if (service.currentModelId === model.id) {
      throw new AppError('BAD_REQUEST', `Service ${service.displayName} already runs model ${model.name} ${model.version}.`);
    }
    if (!service.clusterId) throw new AppError('PRECONDITION_FAILED', `Service ${service.displayName} has no cluster any more.`);
    await tx.update(services).set({ currentModelId: model.id, status: 'deploying' }).where(eq(services.id, service.id));
    const { rolloutId } = await insertRollout(tx, { serviceId: service.id, kind: 'model_switch', spec: service.spec, modelId: model.id, actor, reason: input.reason });
    const copies = await addPendingCopies(tx, model.id, [service.clusterId]);
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'service.switchModel',
      target: { type: 'service', id: service.id, label: service.displayName },
      summary: `switched service ${service.k8sName} to model ${model.name} ${model.version}${input.reason ? ` (${input.reason})` : ''}`,
      before: { modelId: service.currentModelId },
      after: { modelId: model.id, rolloutId },
      requestId,
    });
    return { rolloutId, serviceId: service.id, copies };
  }, rowLocksOnly);
  await enqueueCopies(result.copies);
  await enqueueRollout(result);
  return { rolloutId: result.rolloutId };
}
