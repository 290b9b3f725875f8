import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { db } from '../../db/client.ts';
import { recordHealth } from '../../server/domain/clusters/health.ts';
import { applyService } from '../../server/domain/rollouts/run/apply.ts';
import { claimRollout } from '../../server/domain/rollouts/run/claim.ts';
import { deadlineSignal } from '../../server/domain/rollouts/run/deadline.ts';
import { describeFailure, unreachableCause } from '../../server/domain/rollouts/run/failure.ts';
import { finishRollout, type Outcome } from '../../server/domain/rollouts/run/finish.ts';
import { loadRolloutContext, type RolloutContext } from '../../server/domain/rollouts/run/load.ts';
import { prepareModel } from '../../server/domain/rollouts/run/model.ts';
import { observeRollout, progressDetail, verdictOf } from '../../server/domain/rollouts/run/observe.ts';
import { progressReporter, type ProgressReporter } from '../../server/domain/rollouts/run/progress.ts';
import { removeService } from '../../server/domain/rollouts/run/remove.ts';
import { applyRoute } from '../../server/domain/rollouts/run/route.ts';
import { renderInputFor } from '../../server/domain/rollouts/run/render-input.ts';
import { env } from '../../server/env.ts';
import { clusterClient } from '../../server/kube/client.ts';
import type { ClusterClient } from '../../server/kube/cluster-client.ts';

// A rollout, level-triggered (STYLE.md): every attempt reads the rollout afresh, applies the whole
// desired state (a no-op when the cluster already has it) and watches until Kubernetes says it is
// complete or failed. A worker killed anywhere leaves the rollout `running`; the retried job
// resumes it under the same deadline, and it ends once.

const payload = z.object({ rolloutId: z.number().int().positive() });

type Live = RolloutContext & { cluster: NonNullable<RolloutContext['cluster']> };

const rollout: Task = async (raw, helpers) => {
  const { rolloutId } = payload.parse(raw);
  const database = db();
  const context = await loadRolloutContext(database, rolloutId);
  if (!context) return helpers.logger.warn(`rollout ${rolloutId} does not exist; nothing to do`);
  const claim = await claimRollout(database, context, { graceSeconds: env().ROLLOUT_DEADLINE_GRACE_SECONDS });
  if (!claim.run) return helpers.logger.debug(`rollout ${rolloutId} not run: ${claim.why}`);
  const progress = progressReporter(database, context);
  await progress.announce();

  const outcome = context.cluster
    ? await carryOut({ ...context, cluster: context.cluster }, claim.deadline, helpers.abortSignal, progress)
    : ({ status: 'failed', error: 'The service has no cluster any more (it was deleted); nothing was changed.' } satisfies Outcome);
  await progress.flush();
  const { ended } = await finishRollout(database, context, outcome);
  await progress.announce();
  // Logged only by the attempt that ended it: a rollout ends once, however often its job ran.
  if (ended) helpers.logger.info(`rollout ${rolloutId} ended ${outcome.status} (${context.rollout.kind}, revision ${context.rollout.revision})`);
};
export default rollout;

async function carryOut(context: Live, deadline: Date, workerSignal: AbortSignal | undefined, progress: ProgressReporter): Promise<Outcome> {
  const client = clusterClient(context.cluster);
  const limit = deadlineSignal(deadline, workerSignal);
  let lastError: unknown;
  const onRetry = (error: unknown) => {
    lastError = error;
    progress.report(waitingDetail(`The cluster did not answer as expected; retrying (${error instanceof Error ? error.message : String(error)})`), 0);
  };
  try {
    if (context.rollout.kind === 'delete') {
      await removeService(db(), client, context, { deadline, signal: limit.signal, onRetry, onPods: () => undefined });
      return { status: 'succeeded' };
    }
    const routing = context.rollout.routing;
    if (routing) {
      await applyRoute(db(), client, { ...context, rollout: { ...context.rollout, routing } }, { deadline, signal: limit.signal, onRetry });
      progress.report({ ...waitingDetail(`The ${routing.level} route is applied`), phase: 'route applied' }, 100);
      return { status: 'succeeded' };
    }
    if (context.model) {
      const problem = await prepareModel(db(), { ...context, model: context.model }, { signal: limit.signal, progress });
      if (problem) return { status: 'failed', error: problem };
    }
    const applied = await applyService(client, renderInputFor(context), { deadline, signal: limit.signal, onRetry });
    const verdict = await observeRollout(client, { namespace: applied.namespace, deployment: applied.deployment, serviceId: context.service.id }, { signal: limit.signal, progress, onRetry });
    return verdict.state === 'complete' ? { status: 'succeeded', kubeRevision: verdict.kubeRevision } : { status: 'failed', error: verdict.message };
  } catch (error) {
    // The worker is stopping: leave the rollout running; the retried job resumes it.
    if (workerSignal?.aborted && !limit.passed()) throw error;
    if (limit.passed()) return timedOut(context, client, progress, lastError);
    const failure = describeFailure(error);
    if (!failure) throw error;
    return { status: 'failed', error: failure };
  } finally {
    limit.dispose();
  }
}

/**
 * The deadline passed. One last look first (the rollout may have completed while the worker was
 * away); otherwise fail with what was last seen, and if the cluster could not be reached, say so
 * on the cluster too.
 */
async function timedOut(context: Live, client: ClusterClient, progress: ProgressReporter, lastError: unknown): Promise<Outcome> {
  const unreachable = unreachableCause(lastError);
  if (!unreachable) {
    const look = AbortSignal.timeout(10_000);
    try {
      const [deployment, pods] = await Promise.all([
        client.getDeployment(context.service.namespace, context.service.k8sName, { signal: look }),
        client.listPods(context.service.namespace, `drucker.io/service-id=${context.service.id}`, { signal: look }),
      ]);
      const verdict = verdictOf({ deployment, pods, deadlineExceeded: true });
      progress.report(progressDetail(verdict, 'deadline passed'), verdict.progress.percent);
      if (verdict.state === 'complete') return { status: 'succeeded', kubeRevision: verdict.kubeRevision };
      return { status: 'failed', error: `The rollout did not complete within its deadline: ${verdict.message}` };
    } catch (error) {
      lastError = error;
    }
  }
  const reason = unreachableCause(lastError);
  if (reason) {
    await recordHealth(db(), context.cluster, { health: 'unreachable', kubernetesVersion: null, error: reason });
    return { status: 'failed', error: `The cluster could not be reached before the rollout's deadline: ${reason}` };
  }
  return { status: 'failed', error: `The rollout did not complete within its deadline${lastError instanceof Error ? ` (last error: ${lastError.message})` : ''}.` };
}

function waitingDetail(message: string) {
  return { phase: 'waiting for the cluster', desired: 0, updated: 0, ready: 0, available: 0, message, pods: [], events: [] };
}
