import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { ClusterClient, KubeObject } from '../../../kube/cluster-client.ts';
import type { KubeError } from '../../../kube/errors.ts';
import { LABELS } from '../../manifests/labels.ts';
import { judgeRollout, type Judgement } from '../completion.ts';
import type { ProgressReporter } from './progress.ts';

const POD = { apiVersion: 'v1', kind: 'Pod' };
// Events are read (not watched) when something changed, at most this often.
const EVENTS_EVERY_MS = 2_000;

/**
 * Watches the Deployment and its pods (never polling) until the rollout is complete or failed,
 * judged as `kubectl rollout status` judges it, reporting progress on every change. Ends when the
 * judgement is final, or throws when the signal aborts (deadline or worker stopping).
 */
export async function observeRollout(
  client: ClusterClient,
  target: { namespace: string; deployment: string; serviceId: number },
  options: { signal: AbortSignal; progress: ProgressReporter; onRetry: (error: KubeError) => void },
): Promise<Judgement> {
  const done = new AbortController();
  const signal = AbortSignal.any([options.signal, done.signal]);
  let deployment: Deployment | null | undefined;
  let pods: Pod[] | undefined;
  let events: Event[] = [];
  let eventsReadAt = 0;
  let readingEvents: Promise<void> | undefined;
  let verdict: Judgement | undefined;

  const readEvents = () => {
    if (readingEvents || Date.now() - eventsReadAt < EVENTS_EVERY_MS) return;
    eventsReadAt = Date.now();
    const names = [target.deployment, ...(pods ?? []).map((pod) => pod.metadata?.name ?? ''), ...replicaSetNames(pods ?? [])].filter(Boolean);
    readingEvents = client
      .listEvents(target.namespace, names, { signal })
      .then((list) => {
        events = list.slice(0, 20);
        evaluate(false);
      })
      .catch(() => undefined)
      .finally(() => {
        readingEvents = undefined;
      });
  };

  const evaluate = (changed: boolean) => {
    if (deployment === undefined || pods === undefined || verdict) return;
    const judgement = judgeRollout({ deployment, pods, events });
    options.progress.report(judgement.detail, judgement.percent);
    if (judgement.state !== 'progressing') {
      verdict = judgement;
      done.abort();
    } else if (changed) {
      readEvents();
    }
  };

  const watches = [
    client.watchDeployment(
      target.namespace,
      target.deployment,
      (value) => {
        deployment = value;
        evaluate(true);
        return verdict !== undefined;
      },
      { signal, onRetry: options.onRetry },
    ),
    client.watchList<KubeObject & Pod>(
      POD,
      target.namespace,
      `${LABELS.serviceId}=${target.serviceId}`,
      (value) => {
        pods = value;
        evaluate(true);
        return verdict !== undefined;
      },
      { signal, onRetry: options.onRetry },
    ),
  ];
  const settled = await Promise.allSettled(watches);
  if (verdict) return verdict;
  const failure = settled.find((result) => result.status === 'rejected');
  throw failure?.status === 'rejected' ? failure.reason : new Error('the watch ended without a verdict');
}

function replicaSetNames(pods: Pod[]): string[] {
  return [...new Set(pods.flatMap((pod) => (pod.metadata?.ownerReferences ?? []).filter((owner) => owner.kind === 'ReplicaSet').map((owner) => owner.name)))];
}
