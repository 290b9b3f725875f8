import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { RolloutProgressDetail } from '../../../../db/schema/rollouts.ts';
import type { ClusterClient, KubeObject } from '../../../kube/cluster-client.ts';
import type { KubeError } from '../../../kube/errors.ts';
import { LABELS } from '../../manifests/labels.ts';
import { judgeRollout, type Completion, type CompletionInput } from '../completion.ts';
import type { ProgressReporter } from './progress.ts';

const POD = { apiVersion: 'v1', kind: 'Pod' };
const REPLICA_SET = { apiVersion: 'apps/v1', kind: 'ReplicaSet' };
const REVISION = 'deployment.kubernetes.io/revision';
// Events are read (not watched: they are many and mostly about others) when something changed, at most this often.
const EVENTS_EVERY_MS = 2_000;

export type Verdict = Completion & { kubeRevision: string | null };

/** A judgement as the rollout row stores it. */
export function progressDetail(completion: Completion, phase: string): RolloutProgressDetail {
  const { desired, updated, ready, available } = completion.progress;
  return { phase, desired, updated, ready, available, message: completion.message, pods: completion.pods, events: completion.events };
}

/** Judges what was read, with the Deployment's revision for the history. */
export function verdictOf(input: CompletionInput): Verdict {
  return { ...judgeRollout(input), kubeRevision: input.deployment?.metadata?.annotations?.[REVISION] ?? null };
}

/**
 * Watches the Deployment, its ReplicaSets and its pods (never polling) until the rollout is
 * complete or failed, judged as `kubectl rollout status` judges it, reporting progress on every
 * change. Returns the final verdict, or throws when the signal aborts (deadline, worker stopping).
 */
export async function observeRollout(
  client: ClusterClient,
  target: { namespace: string; deployment: string; serviceId: number },
  options: { signal: AbortSignal; progress: ProgressReporter; onRetry: (error: KubeError) => void },
): Promise<Verdict> {
  const done = new AbortController();
  const signal = AbortSignal.any([options.signal, done.signal]);
  const selector = `${LABELS.serviceId}=${target.serviceId}`;
  let deployment: Deployment | null | undefined;
  let pods: Pod[] | undefined;
  let replicaSets: ReplicaSet[] | undefined;
  let events: Event[] = [];
  let eventsReadAt = 0;
  let readingEvents = false;
  let verdict: Verdict | undefined;

  const evaluate = (changed: boolean) => {
    if (deployment === undefined || pods === undefined || replicaSets === undefined || verdict) return;
    const judged = verdictOf({ deployment, pods, replicaSets, events });
    options.progress.report(progressDetail(judged, 'watching the Deployment'), judged.progress.percent);
    if (judged.state !== 'progressing') {
      verdict = judged;
      done.abort();
    } else if (changed) {
      readEvents();
    }
  };

  const readEvents = () => {
    if (readingEvents || Date.now() - eventsReadAt < EVENTS_EVERY_MS) return;
    readingEvents = true;
    eventsReadAt = Date.now();
    const names = [target.deployment, ...(replicaSets ?? []).map((rs) => rs.metadata?.name ?? ''), ...(pods ?? []).map((pod) => pod.metadata?.name ?? '')];
    client
      .listEvents(target.namespace, names.filter(Boolean), { signal })
      .then((list) => {
        events = list;
        evaluate(false);
      })
      // Events only add detail; the watch carries on without them.
      .catch(() => undefined)
      .finally(() => {
        readingEvents = false;
      });
  };

  const watchOptions = { signal, onRetry: options.onRetry };
  const settled = await Promise.allSettled([
    client.watchDeployment(target.namespace, target.deployment, (value) => ((deployment = value), evaluate(true), verdict !== undefined), watchOptions),
    client.watchList<KubeObject & ReplicaSet>(REPLICA_SET, target.namespace, selector, (value) => ((replicaSets = value), evaluate(true), verdict !== undefined), watchOptions),
    client.watchList<KubeObject & Pod>(POD, target.namespace, selector, (value) => ((pods = value), evaluate(true), verdict !== undefined), watchOptions),
  ]);
  if (verdict) return verdict;
  const failure = settled.find((result) => result.status === 'rejected');
  throw failure?.status === 'rejected' ? failure.reason : new Error('the watches ended without a verdict');
}
