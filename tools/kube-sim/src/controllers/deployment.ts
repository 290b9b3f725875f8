import type { ControllerContext } from './context.ts';
import { asDeployment, asPod, createdMs, stampKey, type Deployment, type DeploymentStatus, type ReplicaSet } from './kobj.ts';
import { newRsReplicas, proportionalSizes, scaleDownOld, type RsCounts } from './rolling.ts';
import { ANN, cleanupOldReplicaSets, findNewRs, getNewRs, ownedReplicaSets, scaleRs } from './deployment-rs.ts';
import {
  REASON,
  calculateStatus,
  desiredReplicas,
  fenceposts,
  getCondition,
  hasProgressDeadline,
  isComplete,
  isRolling,
  maxSurge,
  newCondition,
  rolloutStatus,
  setCondition,
} from './deployment-status.ts';
import { canonicalJson } from './template.ts';

// One pass of the deployment controller over one Deployment (syncDeployment). Each pass makes at
// most one kind of move (scale the new ReplicaSet up, or old ones down) and then reports status;
// the ReplicaSet and pod changes it causes come back as store events and trigger the next pass,
// so a rollout advances exactly as fast as pods become available.

const counts = (rs: ReplicaSet): RsCounts => ({
  name: rs.metadata.name,
  replicas: rs.spec.replicas ?? 0,
  available: rs.status?.availableReplicas ?? 0,
  created: createdMs(rs),
});

export function syncDeployment(ctx: ControllerContext, namespace: string, name: string): void {
  const found = ctx.store.get('deployments.apps', namespace, name);
  if (!found || found.metadata.deletionTimestamp) return;
  const stored = asDeployment(found);
  const d = checkPausedConditions(ctx, stored);
  const rsList = ownedReplicaSets(ctx, d);

  if (d.spec.paused || isScalingEvent(d, rsList)) return syncScaleOnly(ctx, d, stored.status, rsList);
  if (isRolling(d)) return rolloutRolling(ctx, d, stored.status, rsList);
  return rolloutRecreate(ctx, d, stored.status, rsList);
}

function splitOld(rsList: ReplicaSet[], newRs: ReplicaSet | undefined): ReplicaSet[] {
  return rsList.filter((rs) => rs.metadata.uid !== newRs?.metadata.uid);
}

function rolloutRolling(ctx: ControllerContext, d0: Deployment, stored: DeploymentStatus | undefined, rsList: ReplicaSet[]): void {
  const desired = desiredReplicas(d0);
  const { surge, unavailable } = fenceposts(d0);
  const existing = findNewRs(d0, rsList);
  const oldRs = splitOld(rsList, existing);
  const initial = newRsReplicas(desired, surge, { name: '', replicas: 0, available: 0, created: 0 }, oldRs.map(counts));
  const { d, newRs } = getNewRs(ctx, d0, rsList, oldRs, { replicas: initial });
  if (!newRs) return writeStatus(ctx, d, stored, rsList, undefined);
  let all = [...oldRs, newRs];

  // reconcileNewReplicaSet
  const target = (newRs.spec.replicas ?? 0) > desired ? desired : newRsReplicas(desired, surge, counts(newRs), all.map(counts));
  const up = scaleRs(ctx, newRs, target, d);
  if (up.scaled) return writeStatus(ctx, d, stored, [...oldRs, up.rs], up.rs);

  // reconcileOldReplicaSets
  const sizes = scaleDownOld(desired, unavailable, counts(newRs), oldRs.map(counts));
  let scaledDown = false;
  all = [
    ...oldRs.map((rs) => {
      const size = sizes.get(rs.metadata.name);
      if (size === undefined) return rs;
      const r = scaleRs(ctx, rs, size, d);
      scaledDown ||= r.scaled;
      return r.rs;
    }),
    up.rs,
  ];
  if (scaledDown) return writeStatus(ctx, d, stored, all, up.rs);

  if (isComplete(d, d.status ?? {})) cleanupOldReplicaSets(ctx, d, splitOld(all, up.rs));
  writeStatus(ctx, d, stored, all, up.rs);
}

function rolloutRecreate(ctx: ControllerContext, d0: Deployment, stored: DeploymentStatus | undefined, rsList: ReplicaSet[]): void {
  const existing = findNewRs(d0, rsList);
  let oldRs = splitOld(rsList, existing);
  let { d, newRs } = getNewRs(ctx, d0, rsList, oldRs, false);

  // First every old pod goes; only then does the new template get pods.
  let scaledDown = false;
  oldRs = oldRs.map((rs) => {
    if ((rs.spec.replicas ?? 0) === 0) return rs;
    const r = scaleRs(ctx, rs, 0, d);
    scaledDown ||= r.scaled;
    return r.rs;
  });
  const all = () => (newRs ? [...oldRs, newRs] : oldRs);
  if (scaledDown || oldPodsRunning(ctx, oldRs)) return writeStatus(ctx, d, stored, all(), newRs);

  if (!newRs) ({ d, newRs } = getNewRs(ctx, d, rsList, oldRs, { replicas: desiredReplicas(d) }));
  if (newRs) newRs = scaleRs(ctx, newRs, desiredReplicas(d), d).rs;
  if (isComplete(d, d.status ?? {})) cleanupOldReplicaSets(ctx, d, oldRs);
  writeStatus(ctx, d, stored, all(), newRs);
}

function oldPodsRunning(ctx: ControllerContext, oldRs: ReplicaSet[]): boolean {
  if (oldRs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
  const uids = new Set(oldRs.map((rs) => rs.metadata.uid));
  const ns = oldRs[0]?.metadata.namespace;
  if (!ns) return false;
  return ctx.store
    .list('pods', { namespace: ns })
    .map(asPod)
    .some((p) => p.metadata.ownerReferences?.some((r) => uids.has(r.uid)) && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
}

/** A change of spec.replicas alone: the active ReplicaSets were sized for another count. */
function isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
  return rsList.some((rs) => {
    if ((rs.spec.replicas ?? 0) === 0) return false;
    const desired = rs.metadata.annotations?.[ANN.desiredReplicas];
    return desired !== undefined && Number(desired) !== desiredReplicas(d);
  });
}

/** sync(): scale (proportionally when several ReplicaSets are active) without rolling forward. */
function syncScaleOnly(ctx: ControllerContext, d0: Deployment, stored: DeploymentStatus | undefined, rsList: ReplicaSet[]): void {
  const existing = findNewRs(d0, rsList);
  const oldRs = splitOld(rsList, existing);
  const { d, newRs } = getNewRs(ctx, d0, rsList, oldRs, false);
  const desired = desiredReplicas(d);
  const active = rsList.filter((rs) => (rs.spec.replicas ?? 0) > 0);
  const byName = new Map(rsList.map((rs) => [rs.metadata.name, rs]));

  const activeOrLatest = active.length === 1 ? active[0] : active.length === 0 ? (newRs ?? newest(oldRs)) : undefined;
  if (activeOrLatest) {
    const r = scaleRs(ctx, activeOrLatest, desired, d);
    byName.set(r.rs.metadata.name, r.rs);
  } else if (newRs && (newRs.spec.replicas ?? 0) === desired && (newRs.status?.availableReplicas ?? 0) === desired) {
    // The new ReplicaSet is saturated: the old ones just go.
    for (const rs of active) if (rs !== newRs) byName.set(rs.metadata.name, scaleRs(ctx, rs, 0, d).rs);
  } else if (isRolling(d)) {
    const sizes = proportionalSizes(
      desired,
      maxSurge(d),
      active.map((rs) => ({ ...counts(rs), annotatedMax: Number(rs.metadata.annotations?.[ANN.maxReplicas]) || undefined })),
      d.status?.replicas ?? 0,
    );
    for (const rs of active) {
      const size = sizes.get(rs.metadata.name);
      if (size !== undefined) byName.set(rs.metadata.name, scaleRs(ctx, rs, size, d).rs);
    }
  }
  const all = [...byName.values()];
  if (d.spec.paused) cleanupOldReplicaSets(ctx, d, splitOld(all, newRs));
  // syncDeploymentStatus: counts and Available only; a paused or scaling Deployment makes no claim about progress.
  const status = calculateStatus(all, newRs ? byName.get(newRs.metadata.name) : undefined, d, ctx.clock.nowISO());
  putStatus(ctx, d, stored, status);
}

function newest(rsList: ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort((a, b) => createdMs(b) - createdMs(a))[0];
}

/** checkPausedConditions: Progressing=Unknown while paused, and again on resume. */
function checkPausedConditions(ctx: ControllerContext, d: Deployment): Deployment {
  if (!hasProgressDeadline(d)) return d;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === REASON.timedOut) return d;
  const pausedCond = cond?.reason === REASON.paused;
  const now = ctx.clock.nowISO();
  const status = structuredClone(d.status ?? {});
  if (d.spec.paused && !pausedCond) setCondition(status, newCondition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', now));
  else if (!d.spec.paused && pausedCond) setCondition(status, newCondition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', now));
  else return d;
  return { ...d, status };
}

function writeStatus(ctx: ControllerContext, d: Deployment, stored: DeploymentStatus | undefined, all: ReplicaSet[], newRs: ReplicaSet | undefined): void {
  const now = ctx.clock.nowISO();
  const { status, recheckInMs, progressed } = rolloutStatus(all, newRs, d, ctx.clock.now(), now, (iso) => ctx.clock.simOf(stampKey(d, 'Progressing'), iso));
  putStatus(ctx, d, stored, status);
  // Progress within the same wall-clock second keeps the stamp but moves the deadline on.
  if (progressed) ctx.clock.note(stampKey(d, 'Progressing'), now);
  // requeueStuckDeployment: nothing else would wake us when the deadline passes without progress.
  if (recheckInMs !== undefined) ctx.requeueAfter('deployments.apps', d.metadata.namespace, d.metadata.name, recheckInMs);
}

function putStatus(ctx: ControllerContext, d: Deployment, stored: DeploymentStatus | undefined, status: DeploymentStatus): void {
  if (canonicalJson(stored ?? {}) === canonicalJson(status)) return;
  const fresh = ctx.store.get('deployments.apps', d.metadata.namespace, d.metadata.name);
  if (!fresh || fresh.metadata.uid !== d.metadata.uid) return;
  ctx.store.update('deployments.apps', { ...fresh, status }, { subresource: 'status' });
}
