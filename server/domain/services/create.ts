import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { isDuplicateKey, rowLocksOnly, type Db } from '../../../db/client.ts';
import { projects } from '../../../db/schema/projects.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, notFound, parseInput } from '../../errors.ts';
import { findApplication } from '../applications/read.ts';
import { recordAudit } from '../audit/record.ts';
import { findCluster } from '../clusters/read.ts';
import { namespaceFor, serviceK8sName } from '../manifests/names.ts';
import { enqueueRollout, insertRollout } from '../rollouts/record.ts';
import { createServiceInput, type CreateServiceInput } from './inputs.ts';
import { modelForService } from './model.ts';
import { addPendingCopies, enqueueCopies } from '../models/copy-jobs.ts';

/** A short random suffix keeps Kubernetes names unique and stable across renames. */
const suffix = () => {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from(randomBytes(5), (byte) => alphabet[byte % alphabet.length]).join('');
};

/**
 * Creates a service at a level of an application on a cluster of the same project, and its
 * `create` rollout. Several services may share a level: the original Drucker's A/B test.
 */
export async function createService(
  db: Db,
  actor: Actor,
  projectId: number,
  raw: CreateServiceInput,
  requestId?: string,
): Promise<{ serviceId: number; rolloutId: number }> {
  const input = parseInput(createServiceInput, raw);
  const created = await db.transaction(async (tx) => {
    const application = await findApplication(tx, projectId, input.applicationId);
    if (!application) throw notFound('That application');
    const cluster = await findCluster(tx, projectId, input.clusterId);
    if (!cluster) throw new AppError('NOT_FOUND', 'That cluster was not found in this project; add it under Clusters first.');
    const model = input.modelId ? await modelForService(tx, application.id, input.modelId, { lock: true }) : null;
    const k8sName = serviceK8sName(application.name, input.level, suffix());
    const [project] = await tx.select({ name: projects.name }).from(projects).where(eq(projects.id, projectId));
    const namespace = namespaceFor(cluster.namespaceTemplate, { level: input.level, app: application.name, project: project?.name ?? '' });
    let serviceId: number;
    try {
      const [inserted] = await tx
        .insert(services)
        .values({
          applicationId: application.id,
          clusterId: cluster.id,
          level: input.level,
          k8sName,
          namespace,
          displayName: input.displayName ?? k8sName,
          description: input.description ?? null,
          spec: input.spec,
          currentModelId: model?.id ?? null,
          autoRollback: input.autoRollback,
          status: 'pending',
        })
        .$returningId();
      if (!inserted) throw new Error('insert returned no id');
      serviceId = inserted.id;
    } catch (error) {
      if (isDuplicateKey(error)) throw new AppError('CONFLICT', 'A service name collided with an existing one; try again.', { cause: error });
      throw error;
    }
    const { rolloutId } = await insertRollout(tx, {
      serviceId,
      kind: 'create',
      spec: input.spec,
      modelId: model?.id ?? null,
      actor,
      reason: input.reason,
    });
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'service.create',
      target: { type: 'service', id: serviceId, label: input.displayName ?? k8sName },
      summary: `created service ${k8sName} at ${input.level} on cluster ${cluster.name} (${input.spec.image})${input.reason ? `: ${input.reason}` : ''}`,
      after: { level: input.level, cluster: cluster.name, namespace, spec: input.spec, modelId: model?.id ?? null, rolloutId },
      requestId,
    });
    // The model's copy to this cluster starts now, so the create rollout seldom waits for it.
    const copies = model ? await addPendingCopies(tx, model.id, [cluster.id]) : [];
    return { serviceId, rolloutId, copies };
  }, rowLocksOnly);
  await enqueueCopies(created.copies);
  await enqueueRollout(created);
  return { serviceId: created.serviceId, rolloutId: created.rolloutId };
}
