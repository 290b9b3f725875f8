import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client.ts';
import { services } from '../../../../db/schema/services.ts';
import type { ClusterClient, KubeObject } from '../../../kube/cluster-client.ts';
import { AppError } from '../../../errors.ts';
import { renderTrafficRoute } from '../../manifests/routes.ts';
import { routerOf } from '../../routing/level.ts';
import { isRetryable } from './apply.ts';
import type { RolloutContext } from './load.ts';
import { untilDeadline } from './retry.ts';

type Live = RolloutContext & { cluster: NonNullable<RolloutContext['cluster']>; rollout: RolloutContext['rollout'] & { routing: NonNullable<RolloutContext['rollout']['routing']> } };

/**
 * A traffic rollout: renders the level's route from the rollout's split and the cluster's router
 * as it is now, and applies it (server-side apply: a retried job applies the same object again).
 * The route is complete once the API server stored it; the router picks it up from there.
 */
export async function applyRoute(
  db: DbOrTx,
  client: ClusterClient,
  context: Live,
  options: { deadline: Date; signal: AbortSignal; onRetry: (error: unknown) => void },
): Promise<KubeObject> {
  const { routing } = context.rollout;
  const router = routerOf(context.cluster);
  if (!router) throw new AppError('PRECONDITION_FAILED', `Cluster ${context.cluster.name} no longer has a traffic router; the level host splits traffic by ready pods again.`);
  const rows = await db
    .select({ id: services.id, k8sName: services.k8sName, namespace: services.namespace, spec: services.spec })
    .from(services)
    .where(inArray(services.id, routing.weights.map((w) => w.serviceId)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const backends = routing.weights.map((w) => {
    const row = byId.get(w.serviceId);
    if (!row) throw new AppError('PRECONDITION_FAILED', `Service ${w.serviceId} of this traffic split no longer exists; set new weights.`);
    return { k8sName: row.k8sName, port: row.spec.port, weight: w.weight };
  });
  const route = renderTrafficRoute({
    router,
    dnsName: context.cluster.dnsName,
    application: context.application,
    level: routing.level,
    namespace: context.service.namespace,
    backends,
    protocol: 'http',
    rollout: { id: context.rollout.id, revision: context.rollout.revision },
  });
  const retry = { deadline: options.deadline, signal: options.signal, retryable: isRetryable, onRetry: options.onRetry };
  const [applied] = await untilDeadline(() => client.apply([route], { signal: options.signal }), retry);
  if (!applied) throw new Error('the API server returned nothing for the applied route');
  return applied;
}
