import { writeModelAssignment } from '../../../../db/runtime/model-assignments.ts';
import type { Db } from '../../../../db/client.ts';
import { unseal } from '../../../crypto/seal.ts';
import { ensureVerifiedCopy } from '../../models/copy.ts';
import type { RolloutContext } from './load.ts';
import type { ProgressReporter } from './progress.ts';
import { modelPodPath } from './render-input.ts';

type Live = RolloutContext & { cluster: NonNullable<RolloutContext['cluster']>; model: NonNullable<RolloutContext['model']> };

/**
 * Before the pods are asked to load a model: its copy on the service's cluster must be verified
 * (copied here if nobody else is copying it), and when the cluster has a Drucker service
 * database, the runtime's model_assignments row must name it. Level-triggered: both are no-ops
 * when already so. Returns the failure a person reads, or null.
 */
export async function prepareModel(db: Db, context: Live, options: { signal: AbortSignal; progress: ProgressReporter }): Promise<string | null> {
  const { model, cluster, service, application } = context;
  const label = `${model.name} ${model.version}`;
  const copy = await ensureVerifiedCopy(
    db,
    { modelId: model.id, clusterId: cluster.id },
    {
      signal: options.signal,
      onProgress: (bytes, size) =>
        options.progress.report(
          {
            phase: 'waiting for the model copy',
            desired: 0,
            updated: 0,
            ready: 0,
            available: 0,
            message: `Copying model ${label} to cluster ${cluster.name}: ${bytes} of ${size} bytes`,
            pods: [],
            events: [],
          },
          0,
        ),
    },
  );
  if (!copy.ok) return `Model ${label} is not ready on cluster ${cluster.name}, so the pods were not changed: ${copy.error}`;

  if (cluster.serviceDb) {
    const password = cluster.serviceDbPasswordSealed
      ? unseal(cluster.serviceDbPasswordSealed, { table: 'clusters', column: 'service_db_password_sealed', id: cluster.id })
      : null;
    const where = `${cluster.serviceDb.host}:${cluster.serviceDb.port}/${cluster.serviceDb.database}`;
    try {
      await writeModelAssignment({ ...cluster.serviceDb, password }, { serviceName: service.k8sName, modelPath: modelPodPath(cluster.modelStorage.mountPath, application.name, model) });
    } catch (error) {
      return `Could not record model ${label} in the service database ${where} (model_assignments), so the pods were not changed: ${error instanceof Error ? error.message : String(error)}. Check the cluster's service database settings.`;
    }
  }
  return null;
}
