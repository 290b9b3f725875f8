import type { ControllerContext } from './context.ts';
import { asReplicaSet, createdMs, ownerRefTo, type Deployment, type ReplicaSet } from './kobj.ts';
import { POD_TEMPLATE_HASH, templateHash, templatesEqual } from './template.ts';
import { DEPLOYMENT_CONTROLLER } from './events.ts';
import { REASON, desiredReplicas, getCondition, hasProgressDeadline, maxSurge, newCondition, setCondition } from './deployment-status.ts';

// The deployment controller's ReplicaSet bookkeeping (pkg/controller/deployment/sync.go and
// util): finding or creating the ReplicaSet of the current template, revision annotations, and
// scaling with the replica annotations proportional scaling reads later.

export const ANN = {
  revision: 'deployment.kubernetes.io/revision',
  revisionHistory: 'deployment.kubernetes.io/revision-history',
  desiredReplicas: 'deployment.kubernetes.io/desired-replicas',
  maxReplicas: 'deployment.kubernetes.io/max-replicas',
} as const;

// Annotations that belong to the Deployment or to kubectl and are never copied to ReplicaSets
// (and never copied back by `kubectl rollout undo`).
const NOT_COPIED = new Set<string>([
  'kubectl.kubernetes.io/last-applied-configuration',
  ANN.revision,
  ANN.revisionHistory,
  ANN.desiredReplicas,
  ANN.maxReplicas,
  'deprecated.deployment.rollback.to',
]);

export const revisionOf = (o: { metadata: { annotations?: Record<string, string> } }): number => {
  const n = Number(o.metadata.annotations?.[ANN.revision] ?? 0);
  return Number.isFinite(n) ? n : 0;
};

export function ownedReplicaSets(ctx: ControllerContext, d: Deployment): ReplicaSet[] {
  return ctx.store
    .list('replicasets.apps', { namespace: d.metadata.namespace })
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid))
    .map(asReplicaSet);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewRs(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort((a, b) => createdMs(a) - createdMs(b)).find((rs) => templatesEqual(rs.spec.template, d.spec.template));
}

function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const ann = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = (rs.metadata.annotations ??= {});
  if (ann[ANN.desiredReplicas] === String(desired) && ann[ANN.maxReplicas] === String(max)) return false;
  ann[ANN.desiredReplicas] = String(desired);
  ann[ANN.maxReplicas] = String(max);
  return true;
}

/** SetNewReplicaSetAnnotations: a reused ReplicaSet takes the next revision and remembers its old one. */
function setNewRsAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const ann = (rs.metadata.annotations ??= {});
  const had = ann[ANN.revision];
  const old = Number(had ?? 0);
  if (old < newRevision) {
    ann[ANN.revision] = String(newRevision);
    changed = true;
    if (had !== undefined) ann[ANN.revisionHistory] = ann[ANN.revisionHistory] ? `${ann[ANN.revisionHistory]},${had}` : had;
  }
  return changed;
}

/** Keeps the Deployment's revision annotation equal to its new ReplicaSet's. */
function syncDeploymentRevision(ctx: ControllerContext, d: Deployment, revision: string): Deployment {
  if (d.metadata.annotations?.[ANN.revision] === revision) return d;
  const copy = structuredClone(d);
  copy.metadata.annotations = { ...copy.metadata.annotations, [ANN.revision]: revision };
  const saved = ctx.store.update('deployments.apps', copy);
  return { ...(saved as Deployment), status: d.status };
}

/**
 * getNewReplicaSet: returns the ReplicaSet for the current template (creating it when `create`)
 * and the Deployment as updated (revision annotation, Progressing condition in memory).
 */
export function getNewRs(
  ctx: ControllerContext,
  d: Deployment,
  rsList: ReplicaSet[],
  oldRsList: ReplicaSet[],
  create: { replicas: number } | false,
): { d: Deployment; newRs: ReplicaSet | undefined } {
  const existing = findNewRs(d, rsList);
  const maxOld = Math.max(0, ...oldRsList.map(revisionOf));
  const newRevision = maxOld + 1;
  const now = ctx.clock.nowISO();
  if (existing) {
    const copy = structuredClone(existing);
    const annotationsChanged = setNewRsAnnotations(d, copy, newRevision);
    const minReadyChanged = (copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    copy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
    const rs = annotationsChanged || minReadyChanged ? asReplicaSet(ctx.store.update('replicasets.apps', copy)) : existing;
    const updated = syncDeploymentRevision(ctx, d, rs.metadata.annotations?.[ANN.revision] ?? String(newRevision));
    if (hasProgressDeadline(updated) && !getCondition(updated.status, 'Progressing')) {
      updated.status = { ...updated.status };
      setCondition(updated.status, newCondition('Progressing', 'True', REASON.foundNewRs, `Found new replica set "${rs.metadata.name}"`, now));
    }
    return { d: updated, newRs: rs };
  }
  if (!create) return { d, newRs: undefined };

  const collisionCount = d.status?.collisionCount ?? 0;
  const hash = templateHash(d.spec.template, collisionCount);
  const name = `${d.metadata.name}-${hash}`;
  const clash = ctx.store.get('replicasets.apps', d.metadata.namespace, name);
  if (clash) {
    // A ReplicaSet of that name with another template: the real controller bumps
    // status.collisionCount so the next hash differs, and tries again on the next sync.
    const status = { ...d.status, collisionCount: collisionCount + 1 };
    ctx.store.update('deployments.apps', { ...d, status }, { subresource: 'status' });
    return { d, newRs: undefined };
  }
  const template = structuredClone(d.spec.template ?? {});
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
  const selector = structuredClone(d.spec.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      annotations: {},
      ownerReferences: [ownerRefTo(d)],
    },
    spec: { replicas: create.replicas, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
  };
  setNewRsAnnotations(d, rs, newRevision);
  setReplicasAnnotations(rs, desiredReplicas(d), desiredReplicas(d) + maxSurge(d));
  const created = asReplicaSet(ctx.store.create('replicasets.apps', rs));
  if (create.replicas > 0) ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} to ${create.replicas}`, DEPLOYMENT_CONTROLLER);
  const updated = syncDeploymentRevision(ctx, d, String(newRevision));
  if (hasProgressDeadline(updated)) {
    updated.status = { ...updated.status };
    setCondition(updated.status, newCondition('Progressing', 'True', REASON.newRsCreated, `Created new replica set "${name}"`, now));
  }
  return { d: updated, newRs: created };
}

/** scaleReplicaSetAndRecordEvent. Returns the ReplicaSet as saved, and whether its size changed. */
export function scaleRs(ctx: ControllerContext, rs: ReplicaSet, size: number, d: Deployment): { rs: ReplicaSet; scaled: boolean } {
  const from = rs.spec.replicas ?? 0;
  const copy = structuredClone(rs);
  copy.spec.replicas = size;
  const annotationsChanged = setReplicasAnnotations(copy, desiredReplicas(d), desiredReplicas(d) + maxSurge(d));
  if (from === size && !annotationsChanged) return { rs, scaled: false };
  const saved = asReplicaSet(ctx.store.update('replicasets.apps', copy));
  if (from !== size) {
    const direction = size > from ? 'up' : 'down';
    ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${rs.metadata.name} to ${size} from ${from}`, DEPLOYMENT_CONTROLLER);
  }
  return { rs: saved, scaled: from !== size };
}

/** cleanupDeployment: keep at most revisionHistoryLimit old, empty ReplicaSets, oldest revisions go first. */
export function cleanupOldReplicaSets(ctx: ControllerContext, d: Deployment, oldRsList: ReplicaSet[]): void {
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const alive = oldRsList.filter((rs) => !rs.metadata.deletionTimestamp);
  const excess = alive.length - limit;
  if (excess <= 0) return;
  const byRevision = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || createdMs(a) - createdMs(b));
  for (const rs of byRevision.slice(0, excess)) {
    const idle = (rs.status?.replicas ?? 0) === 0 && (rs.spec.replicas ?? 0) === 0 && (rs.status?.observedGeneration ?? 0) >= (rs.metadata.generation ?? 0);
    if (!idle) continue;
    ctx.store.delete('replicasets.apps', rs.metadata.namespace, rs.metadata.name);
  }
}
