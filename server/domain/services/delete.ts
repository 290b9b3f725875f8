import { eq } from 'drizzle-orm';
import { type Db, rowLocksOnly } from '../../../db/client.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { enqueueRollout, insertRollout } from '../rollouts/record.ts';
import { deleteServiceInput } from './inputs.ts';
import { lockService } from './lock.ts';

/**
 * Deletes a service through a `delete` rollout, which removes its objects from the cluster. The
 * service row stays (marked deleted when the rollout succeeds), so its history stays readable.
 */
export async function deleteService(
  db: Db,
  actor: Actor,
  projectId: number,
  raw: { serviceId: number; reason?: string },
  requestId?: string,
): Promise<{ rolloutId: number }> {
  const input = parseInput(deleteServiceInput, raw);
  const result = await db.transaction(async (tx) => {
    const { service, cluster } = await lockService(tx, projectId, input.serviceId);
    await tx.update(services).set({ status: 'deleting' }).where(eq(services.id, service.id));
    const { rolloutId } = await insertRollout(tx, { serviceId: service.id, kind: 'delete', spec: service.spec, modelId: service.currentModelId, actor, reason: input.reason });
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'service.delete',
      target: { type: 'service', id: service.id, label: service.displayName },
      summary: `deleting service ${service.k8sName} from cluster ${cluster.name}${input.reason ? ` (${input.reason})` : ''}`,
      before: { status: service.status, spec: service.spec },
      after: { status: 'deleting', rolloutId },
      requestId,
    });
    return { rolloutId, serviceId: service.id };
  }, rowLocksOnly);
  await enqueueRollout(result);
  return { rolloutId: result.rolloutId };
}
