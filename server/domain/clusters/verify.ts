import type { clusterHealth, trafficRouters } from '../../../db/schema/clusters.ts';
import { listContexts } from '../../kube/kubeconfig.ts';
import { verifyCluster } from '../../kube/verify.ts';
import { AppError } from '../../errors.ts';

// Before a cluster is saved (and whenever it is checked), Drucker reaches its API server, reads
// its version and asks with SelfSubjectAccessReview for every verb it needs (server/kube/verify.ts).
// Here the gateway's answer becomes an API error and a health state.

/** A person waits for this on "Add cluster"; the health job uses a shorter one. */
export const VERIFY_TIMEOUT_MS = 15_000;

export type VerifyFailure = Extract<Awaited<ReturnType<typeof verifyCluster>>, { ok: false }>;
export type VerifyStage = VerifyFailure['stage'];
export type Verified = { context: string; apiServerUrl: string; kubernetesVersion: string };
export type KubeconfigContexts = ReturnType<typeof listContexts>;
type TrafficRouter = (typeof trafficRouters)[number];

/** One line that says which step failed and why; the gateway's messages already name the step. */
export function describeFailure(failure: VerifyFailure): string {
  const message = failure.message.trim().replace(/\.$/, '');
  return failure.stage === 'kubeconfig' ? `The kubeconfig cannot be used: ${message}.` : `Cluster verification failed: ${message}.`;
}

/** Healthy, or why not: credentials refused or permissions missing → forbidden; anything else → unreachable. */
export function healthOf(stage: VerifyStage | null): (typeof clusterHealth)[number] {
  if (stage === null) return 'healthy';
  return stage === 'unauthorized' || stage === 'forbidden' ? 'forbidden' : 'unreachable';
}

/** A 400 whose `data.details.verification` tells tools the failed stage and the denied permissions. */
export class VerificationError extends AppError {
  readonly stage: VerifyStage;
  constructor(failure: VerifyFailure) {
    super('BAD_REQUEST', describeFailure(failure), { details: { verification: { stage: failure.stage, denied: failure.denied ?? [] } } });
    this.stage = failure.stage;
  }
}

/** The contexts of a kubeconfig (each with the problem that keeps Drucker from using it), or a 400. */
export function readContexts(kubeconfig: string): KubeconfigContexts {
  try {
    return listContexts(kubeconfig);
  } catch (error) {
    throw new VerificationError({ ok: false, stage: 'kubeconfig', message: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Verifies the kubeconfig's context (the named one, else its current one, else its only one)
 * against its cluster for what Drucker will do there, or throws what failed.
 */
export async function verifyOrThrow(
  kubeconfig: string,
  context: string | undefined,
  options: { trafficRouter: TrafficRouter; timeoutMs?: number },
): Promise<Verified> {
  const result = await verifyCluster(kubeconfig, context, { timeoutMs: options.timeoutMs ?? VERIFY_TIMEOUT_MS, trafficRouter: options.trafficRouter });
  if (!result.ok) throw new VerificationError(result);
  return { context: result.context, apiServerUrl: result.apiServerUrl, kubernetesVersion: result.kubernetesVersion };
}
