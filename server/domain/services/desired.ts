import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { services, type serviceStatuses } from '../../../db/schema/services.ts';

type ServiceStatus = (typeof serviceStatuses)[number];

/**
 * After a queued rollout is cancelled, the service's desired spec, model and status fall back to
 * the newest rollout that still counts (queued, running or finished), as if the cancelled one had
 * never been asked for. Call with the service row locked.
 */
export async function restoreDesiredState(tx: Tx, serviceId: number): Promise<void> {
  const [latest] = await tx
    .select()
    .from(rollouts)
    .where(and(eq(rollouts.serviceId, serviceId), inArray(rollouts.status, ['queued', 'running', 'succeeded', 'failed'])))
    .orderBy(desc(rollouts.id))
    .limit(1);
  if (!latest) {
    await tx.update(services).set({ status: 'pending' }).where(eq(services.id, serviceId));
    return;
  }
  const status: ServiceStatus =
    latest.status === 'succeeded' ? (latest.kind === 'delete' ? 'deleted' : 'running') : latest.status === 'failed' ? 'failed' : latest.kind === 'delete' ? 'deleting' : 'deploying';
  await tx.update(services).set({ spec: latest.spec, currentModelId: latest.modelId, status }).where(eq(services.id, serviceId));
}
