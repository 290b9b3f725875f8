import type { ClusterClient } from '../../../kube/cluster-client.ts';
import { KubeError } from '../../../kube/errors.ts';
import { renderService } from '../../manifests/render.ts';
import type { RenderInput } from '../../manifests/input.ts';
import { untilDeadline } from './retry.ts';

export const isRetryable = (error: unknown) => error instanceof KubeError && error.retryable;

export type Applied = { namespace: string; deployment: string; generation: number };

/**
 * Applies the service's whole desired state (server-side apply; a no-op when the cluster already
 * matches, so a retried job just applies again), then removes what this configuration no longer
 * has (an HPA once autoscaling is off). Retryable API errors are retried until the deadline.
 */
export async function applyService(
  client: ClusterClient,
  input: RenderInput,
  options: { deadline: Date; signal: AbortSignal; onRetry: (error: unknown) => void },
): Promise<Applied> {
  const { objects, stale } = renderService(input);
  const retry = { deadline: options.deadline, signal: options.signal, retryable: isRetryable, onRetry: options.onRetry };
  const applied = await untilDeadline(() => client.apply(objects, { signal: options.signal }), retry);
  if (stale.length > 0) await untilDeadline(() => client.remove(stale, { signal: options.signal }), retry);
  const deployment = applied.find((object) => object.kind === 'Deployment');
  if (!deployment) throw new Error('the rendered objects have no Deployment');
  return { namespace: input.service.namespace, deployment: deployment.metadata.name, generation: deployment.metadata.generation ?? 0 };
}
