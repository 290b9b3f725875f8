import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { RolloutEvent, RolloutPod } from '../../../db/schema/rollouts.ts';
import { describePodProblem, podHasProblem, summarizeEvent, summarizePod } from './pod-status.ts';

// Is the rollout done? Exactly as `kubectl rollout status` decides (its DeploymentStatusViewer):
// once the controller has observed the current generation, failed if Progressing has reason
// ProgressDeadlineExceeded; else waiting while updated < desired, while old replicas remain, or
// while fewer updated replicas are available; else complete. Messages add what the pods say.

export type CompletionState = 'progressing' | 'complete' | 'failed';
export type RolloutProgress = { desired: number; updated: number; ready: number; available: number; percent: number };
export type Completion = { state: CompletionState; progress: RolloutProgress; message: string; pods: RolloutPod[]; events: RolloutEvent[] };

export type CompletionInput = {
  deployment: Deployment | null;
  pods: Pod[];
  events?: Event[];
  /** The Deployment's ReplicaSets, to tell its new pods from the old; without them every pod counts. */
  replicaSets?: ReplicaSet[];
  /** The rollout's own deadline passed (DESIGN.md "Completion"): failed unless already complete. */
  deadlineExceeded?: boolean;
};

const REVISION = 'deployment.kubernetes.io/revision';
const MAX_EVENTS = 20;
const MAX_REASONS = 3;

function newTemplateHash(deployment: Deployment, replicaSets: ReplicaSet[] | undefined): string | undefined {
  const revision = deployment.metadata?.annotations?.[REVISION];
  if (!revision || !replicaSets) return undefined;
  return replicaSets.find((rs) => rs.metadata?.annotations?.[REVISION] === revision)?.metadata?.labels?.['pod-template-hash'];
}

function progressOf(d: Deployment, complete: boolean): RolloutProgress {
  const desired = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const done = desired === 0 ? 1 : (Math.min(updated, desired) + Math.min(available, updated, desired)) / (2 * desired);
  const percent = complete ? 100 : Math.min(99, Math.floor(done * 100));
  return { desired, updated, ready: s.readyReplicas ?? 0, available, percent };
}

/** "ImagePullBackOff: example/iris:bad-pull-1 (pod iris-…-x7k2p)", the first few distinct ones. */
function podReasons(pods: RolloutPod[]): string | undefined {
  const seen = new Map<string, string[]>();
  for (const p of pods.filter(podHasProblem)) {
    const what = describePodProblem(p);
    seen.set(what, [...(seen.get(what) ?? []), p.name]);
  }
  if (seen.size === 0) return undefined;
  const parts = [...seen].slice(0, MAX_REASONS).map(([what, names]) => `${what} (pod ${names[0]}${names.length > 1 ? ` and ${names.length - 1} more` : ''})`);
  return parts.join('; ') + (seen.size > MAX_REASONS ? `; and ${seen.size - MAX_REASONS} other problems` : '');
}

function lastWarning(events: RolloutEvent[]): string | undefined {
  const w = events.find((e) => e.type === 'Warning');
  return w ? `${w.reason}: ${w.message}` : undefined;
}

export function judgeRollout(input: CompletionInput): Completion {
  const events = [...(input.events ?? [])].map(summarizeEvent).sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)).slice(0, MAX_EVENTS);
  const d = input.deployment;
  if (!d) {
    const progress = { desired: 0, updated: 0, ready: 0, available: 0, percent: 0 };
    return input.deadlineExceeded
      ? { state: 'failed', progress, message: 'the rollout deadline passed before the Deployment was created', pods: [], events }
      : { state: 'progressing', progress, message: 'waiting for the Deployment to be created', pods: [], events };
  }
  const name = d.metadata?.name ?? '';
  const hash = newTemplateHash(d, input.replicaSets);
  const pods = input.pods.map(summarizePod).sort((a, b) => a.name.localeCompare(b.name));
  const newPods = hash ? pods.filter((p) => p.templateHash === hash) : pods;
  const reasons = podReasons(newPods) ?? podReasons(pods);
  const s = d.status ?? {};
  const desired = d.spec?.replicas ?? 1;

  let state: CompletionState = 'progressing';
  let message: string;
  if ((d.metadata?.generation ?? 0) <= (s.observedGeneration ?? -1)) {
    const progressing = s.conditions?.find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      state = 'failed';
      message = `deployment "${name}" exceeded its progress deadline`;
    } else if ((s.updatedReplicas ?? 0) < desired) {
      message = `Waiting for deployment "${name}" rollout to finish: ${s.updatedReplicas ?? 0} out of ${desired} new replicas have been updated...`;
    } else if ((s.replicas ?? 0) > (s.updatedReplicas ?? 0)) {
      message = `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - (s.updatedReplicas ?? 0)} old replicas are pending termination...`;
    } else if ((s.availableReplicas ?? 0) < (s.updatedReplicas ?? 0)) {
      message = `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${s.updatedReplicas ?? 0} updated replicas are available...`;
    } else {
      state = 'complete';
      message = `deployment "${name}" successfully rolled out`;
    }
  } else {
    message = 'Waiting for deployment spec update to be observed...';
  }
  if (state === 'progressing' && input.deadlineExceeded) {
    state = 'failed';
    message = `the rollout deadline passed: ${message.replace(/\.\.\.$/, '')}`;
  }
  if (state !== 'complete') {
    const replicaFailure = s.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
    const why = reasons ?? (replicaFailure?.message ? `${replicaFailure.reason ?? 'ReplicaFailure'}: ${replicaFailure.message}` : undefined) ?? (state === 'failed' ? lastWarning(events) : undefined);
    if (why) message = `${message.replace(/\.\.\.$/, '')}: ${why}`;
  }
  // Complete means the Deployment counts no old replicas; pods of older ReplicaSets still listed are
  // deletions the pod watch has not delivered yet, and the last snapshot should not show them as
  // serving beside the new ones (3 pods "Ready" for 2 replicas).
  const shown = state === 'complete' && hash ? newPods : pods;
  return { state, progress: progressOf(d, state === 'complete'), message, pods: shown, events };
}
