import type { ContainerStatus, Event, Pod } from 'kubernetes-types/core/v1';
import type { RolloutEvent, RolloutPod } from '../../../db/schema/rollouts.ts';

// A pod as people need to see it during a rollout: ready or not, and if not, the pod's own
// reason (the container's waiting reason, its last termination, or why it is not scheduled),
// worded like `kubectl get pods` and `kubectl describe`.

const PULL_REASONS = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);
/** Waiting reasons that are just a pod starting up, not a problem. */
const STARTING = new Set(['ContainerCreating', 'PodInitializing']);

function lastTermination(c: ContainerStatus): string | undefined {
  const t = c.lastState?.terminated;
  if (!t) return undefined;
  return `last exit code ${t.exitCode}${t.reason ? ` (${t.reason})` : ''}${t.message ? `: ${t.message.trim()}` : ''}`;
}

function containerProblem(c: ContainerStatus, specImage?: string): { reason: string; message?: string } | undefined {
  const waiting = c.state?.waiting;
  if (waiting?.reason) {
    // `ImagePullBackOff: example/iris:bad-pull-1`: the image as the spec names it (the status
    // has it normalized, docker.io/…) is what a person has to fix.
    if (PULL_REASONS.has(waiting.reason)) return { reason: waiting.reason, message: specImage ?? c.image };
    const details = [waiting.message, lastTermination(c)].filter(Boolean).join('; ');
    return { reason: waiting.reason, ...(details ? { message: details } : {}) };
  }
  const terminated = c.state?.terminated;
  if (terminated) {
    const reason = terminated.reason ?? (terminated.exitCode === 0 ? 'Completed' : 'Error');
    return { reason, message: `exit code ${terminated.exitCode}${terminated.message ? `: ${terminated.message.trim()}` : ''}` };
  }
  if (c.state?.running && !c.ready) {
    return { reason: 'NotReady', message: `the readiness probe has not passed yet${c.restartCount ? `; ${lastTermination(c) ?? `${c.restartCount} restarts`}` : ''}` };
  }
  return undefined;
}

export function summarizePod(pod: Pod): RolloutPod {
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  const base: RolloutPod = {
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? 'Pending',
    ready,
    restarts: statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    ...(pod.metadata?.labels?.['pod-template-hash'] ? { templateHash: pod.metadata.labels['pod-template-hash'] } : {}),
    ...(pod.metadata?.creationTimestamp ? { createdAt: pod.metadata.creationTimestamp } : {}),
  };
  if (pod.metadata?.deletionTimestamp) return { ...base, reason: 'Terminating' };
  const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled) return { ...base, reason: unscheduled.reason ?? 'Unschedulable', ...(unscheduled.message ? { message: unscheduled.message } : {}) };
  const specImage = (name: string, init = false) => (init ? pod.spec?.initContainers : pod.spec?.containers)?.find((c) => c.name === name)?.image;
  for (const c of pod.status?.initContainerStatuses ?? []) {
    const p = containerProblem(c, specImage(c.name, true));
    if (p && p.reason !== 'Completed') return { ...base, reason: `Init:${p.reason}`, ...(p.message ? { message: p.message } : {}) };
  }
  for (const c of statuses) {
    const p = containerProblem(c, specImage(c.name));
    if (p) return { ...base, ...p };
  }
  if (pod.status?.reason) return { ...base, reason: pod.status.reason, ...(pod.status.message ? { message: pod.status.message } : {}) };
  return base;
}

/** True when the pod's reason is a problem to report, not a pod still starting. */
export function podHasProblem(pod: RolloutPod): boolean {
  return !pod.ready && pod.reason !== undefined && !STARTING.has(pod.reason) && pod.reason !== 'Terminating';
}

/** `ImagePullBackOff: example/iris:bad-pull-1` (what the issue and the history page show). */
export function describePodProblem(pod: RolloutPod): string {
  return pod.message ? `${pod.reason}: ${pod.message}` : (pod.reason ?? 'not ready');
}

function eventTime(e: Event): string {
  return e.lastTimestamp ?? e.eventTime ?? e.series?.lastObservedTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';
}

export function summarizeEvent(e: Event): RolloutEvent {
  return {
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    object: `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
    count: e.count ?? e.series?.count ?? 1,
    lastSeen: eventTime(e),
  };
}
