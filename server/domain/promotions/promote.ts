import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { addPendingCopies } from '../models/copy-jobs.ts';
import { insertRollout } from '../rollouts/record.ts';
import { modelForService } from '../services/model.ts';
import { lockService } from '../services/lock.ts';

/**
 * Switches the target to the promoted model: a `promotion` rollout, which the rollout task carries
 * out like service.switchModel's `model_switch` (verified copy on the cluster, model_assignments
 * row, pods rolled with the new model file), filed as a promotion so the history says why. Inside
 * the run's transaction; the caller enqueues the copies and the rollout after commit. The one
 * place a promotion changes a service.
 */
export async function switchTargetModel(
  tx: Tx,
  actor: Actor,
  args: { projectId: number; targetServiceId: number; modelId: number; policyName: string; reason: string; requestId?: string },
): Promise<{ rolloutId: number; serviceId: number; copies: { modelId: number; clusterId: number }[] }> {
  const { service, application, cluster } = await lockService(tx, args.projectId, args.targetServiceId);
  // Locked like service.switchModel's, so the model cannot be deleted under the promotion.
  const model = await modelForService(tx, application.id, args.modelId, { lock: true });
  if (service.currentModelId === model.id) throw new AppError('PRECONDITION_FAILED', `The target already runs ${model.name} ${model.version}.`);
  await tx.update(services).set({ currentModelId: model.id, status: 'deploying' }).where(eq(services.id, service.id));
  const { rolloutId, revision } = await insertRollout(tx, {
    serviceId: service.id,
    kind: 'promotion',
    spec: service.spec,
    modelId: model.id,
    actor,
    reason: `promotion policy ${args.policyName}: ${args.reason}`,
  });
  // The copy to the target's cluster starts now (as service.switchModel asks for it); the rollout waits for it.
  const copies = await addPendingCopies(tx, model.id, [cluster.id]);
  await recordAudit(tx, {
    projectId: args.projectId,
    actor,
    action: 'promotion.promote',
    target: { type: 'service', id: service.id, label: service.displayName },
    summary: `promoted ${model.name} ${model.version} to ${service.displayName} by policy ${args.policyName} (revision ${revision})`,
    before: { modelId: service.currentModelId },
    after: { modelId: model.id, rolloutId },
    requestId: args.requestId,
  });
  return { rolloutId, serviceId: service.id, copies };
}
