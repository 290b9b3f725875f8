import type { Pod } from 'kubernetes-types/core/v1';
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client.ts';
import { services } from '../../../../db/schema/services.ts';
import type { ClusterClient, KubeObject } from '../../../kube/cluster-client.ts';
import type { KubeError } from '../../../kube/errors.ts';
import { LABELS } from '../../manifests/labels.ts';
import { objectsToRemove } from '../../manifests/refs.ts';
import { isRetryable } from './apply.ts';
import type { RolloutContext } from './load.ts';
import { untilDeadline } from './retry.ts';

/** Whether no other live service of the application shares this level in this namespace of the cluster. */
async function lastOfLevel(db: DbOrTx, service: RolloutContext['service']): Promise<boolean> {
  const [other] = await db
    .select({ id: services.id })
    .from(services)
    .where(
      and(
        eq(services.applicationId, service.applicationId),
        eq(services.level, service.level),
        eq(services.namespace, service.namespace),
        service.clusterId === null ? isNull(services.clusterId) : eq(services.clusterId, service.clusterId),
        ne(services.id, service.id),
        isNull(services.deletedAt),
      ),
    )
    .limit(1);
  return other === undefined;
}

/**
 * A `delete` rollout: removes the service's objects (and the level's shared Service and Ingress
 * when it was the level's last service), then waits until its Deployment and pods are gone.
 */
export async function removeService(
  db: DbOrTx,
  client: ClusterClient,
  context: RolloutContext,
  options: { deadline: Date; signal: AbortSignal; onRetry: (error: unknown) => void; onPods: (pods: Pod[]) => void },
): Promise<void> {
  const { service, application } = context;
  const refs = objectsToRemove({ service, applicationName: application.name, lastOfLevel: await lastOfLevel(db, service) });
  await untilDeadline(() => client.remove(refs, { signal: options.signal }), { deadline: options.deadline, signal: options.signal, retryable: isRetryable, onRetry: options.onRetry });
  const watchOptions = { signal: options.signal, onRetry: (error: KubeError) => options.onRetry(error) };
  await client.watchDeployment(service.namespace, service.k8sName, (deployment) => deployment === null, watchOptions);
  await client.watchList<KubeObject & Pod>({ apiVersion: 'v1', kind: 'Pod' }, service.namespace, `${LABELS.serviceId}=${service.id}`, (pods) => {
    options.onPods(pods);
    return pods.length === 0;
  }, watchOptions);
}
