import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from './kobj.ts';
import { resolveFenceposts } from './rolling.ts';

// Deployment status and its conditions, as pkg/controller/deployment/{sync,progress}.go compute
// them. The reasons and messages are the real controller's, because clients (kubectl rollout
// status, Drucker's rollout watcher) match on them.

export const REASON = {
  newRsCreated: 'NewReplicaSetCreated',
  foundNewRs: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRsAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minAvailable: 'MinimumReplicasAvailable',
  minUnavailable: 'MinimumReplicasUnavailable',
} as const;

export const desiredReplicas = (d: Deployment): number => d.spec.replicas ?? 1;
export const isRolling = (d: Deployment): boolean => (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  if (!isRolling(d)) return { surge: 0, unavailable: 0 };
  const ru = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', desiredReplicas(d));
}

export function maxUnavailable(d: Deployment): number {
  const desired = desiredReplicas(d);
  if (!isRolling(d) || desired === 0) return 0;
  return Math.min(fenceposts(d).unavailable, desired);
}

export function maxSurge(d: Deployment): number {
  return isRolling(d) ? fenceposts(d).surge : 0;
}

// 2147483647 (MaxInt32) is how apps/v1 spells "no deadline".
export const hasProgressDeadline = (d: Deployment): boolean =>
  d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== 2147483647;

export function getCondition(status: DeploymentStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: Condition['status'], reason: string, message: string, now: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** SetDeploymentCondition: same status and reason is a no-op; same status keeps the transition time. */
export function setCondition(status: DeploymentStatus, cond: Condition): void {
  const current = getCondition(status, cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return;
  if (current && current.status === cond.status) cond.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), cond];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

const specReplicas = (rs: ReplicaSet) => rs.spec.replicas ?? 0;
const statusReplicas = (rs: ReplicaSet) => rs.status?.replicas ?? 0;

export function calculateStatus(all: ReplicaSet[], newRs: ReplicaSet | undefined, d: Deployment, now: string): DeploymentStatus {
  const available = all.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
  const total = all.reduce((n, rs) => n + specReplicas(rs), 0);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: all.reduce((n, rs) => n + statusReplicas(rs), 0),
    updatedReplicas: newRs ? statusReplicas(newRs) : 0,
    readyReplicas: all.reduce((n, rs) => n + (rs.status?.readyReplicas ?? 0), 0),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    conditions: structuredClone(d.status?.conditions ?? []),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASON.minAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', REASON.minUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

export function isComplete(d: Deployment, s: DeploymentStatus): boolean {
  const desired = desiredReplicas(d);
  return s.updatedReplicas === desired && s.replicas === desired && s.availableReplicas === desired && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

function isProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

function timedOut(d: Deployment, s: DeploymentStatus, nowMs: number, simOf: (iso: string) => number): boolean {
  const cond = getCondition(s, 'Progressing');
  if (!cond) return false;
  if (cond.reason === REASON.timedOut) return true;
  const from = simOf(cond.lastUpdateTime ?? '');
  return from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 < nowMs;
}

/**
 * syncRolloutStatus: the new status with the Progressing condition moved on, and, when the
 * rollout is neither done nor timed out, how long (sim ms) until the deadline must be checked.
 * `nowMs` is simulated time, `now` the wall-clock stamp, and `simOf` maps a stamp back to
 * simulated time; `progressed` says the Progressing condition was stamped now.
 */
export function rolloutStatus(all: ReplicaSet[], newRs: ReplicaSet | undefined, d: Deployment, nowMs: number, now: string, simOf: (iso: string) => number): { status: DeploymentStatus; recheckInMs?: number; progressed: boolean } {
  let progressed = false;
  const status = calculateStatus(all, newRs, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const done = status.replicas === status.updatedReplicas && current?.reason === REASON.newRsAvailable;
  if (hasProgressDeadline(d) && !done) {
    const subject = newRs ? `ReplicaSet "${newRs.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (isComplete(d, status)) {
      setCondition(status, newCondition('Progressing', 'True', REASON.newRsAvailable, `${subject} has successfully progressed.`, now));
      progressed = true;
    } else if (isProgressing(d, status)) {
      // Progress refreshes lastUpdateTime even with an unchanged reason: that is what pushes the
      // deadline back while pods keep coming up.
      const cond = newCondition('Progressing', 'True', REASON.rsUpdated, `${subject} is progressing.`, now);
      if (current?.status === 'True' && current.lastTransitionTime) cond.lastTransitionTime = current.lastTransitionTime;
      removeCondition(status, 'Progressing');
      setCondition(status, cond);
      progressed = true;
    } else if (timedOut(d, status, nowMs, simOf)) {
      setCondition(status, newCondition('Progressing', 'False', REASON.timedOut, `${subject} has timed out progressing.`, now));
      progressed = true;
    }
  }
  const cond = getCondition(status, 'Progressing');
  if (!hasProgressDeadline(d) || !cond || isComplete(d, status) || cond.reason === REASON.timedOut) return { status, progressed };
  const deadline = simOf(cond.lastUpdateTime ?? '') + (d.spec.progressDeadlineSeconds ?? 600) * 1000;
  return { status, recheckInMs: Math.max(0, deadline - nowMs) + 1000, progressed };
}
