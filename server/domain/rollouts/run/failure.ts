import { AppError } from '../../../errors.ts';
import { KubeError } from '../../../kube/errors.ts';

/**
 * A failure that ends the rollout, as the message a person reads; undefined for errors that are
 * not the rollout's fault (the database, a bug), which the job retries instead.
 */
export function describeFailure(error: unknown): string | undefined {
  if (error instanceof KubeError) {
    switch (error.kind) {
      case 'invalid':
        return `The cluster refused the objects: ${error.message}. Fix the service's configuration and roll out again.`;
      case 'forbidden':
        return `The cluster's credentials may not do this: ${error.message}. Give the kubeconfig's user the permission, or replace the kubeconfig under Clusters.`;
      case 'unauthorized':
        return `The cluster no longer accepts the kubeconfig's credentials: ${error.message}. Replace the kubeconfig under Clusters.`;
      case 'tls':
        return `The cluster's TLS certificate was not trusted: ${error.message}. Replace the kubeconfig under Clusters.`;
      case 'not_found':
        return `The cluster does not serve what Drucker needs: ${error.message}.`;
      default:
        return undefined;
    }
  }
  if (error instanceof AppError) return error.message;
  return undefined;
}

/** The network-level reason the cluster could not be reached, when that is what the error says. */
export function unreachableCause(error: unknown): string | undefined {
  if (error instanceof KubeError && (error.kind === 'unreachable' || error.kind === 'timeout')) return error.message;
  return undefined;
}
