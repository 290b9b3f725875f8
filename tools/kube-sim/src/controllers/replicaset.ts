import type { KObject } from '../store.ts';
import type { ControllerContext } from './context.ts';
import { asPod, asReplicaSet, createdMs, isOwnedBy, ownerRefTo, podIsReady, readySince, type Pod, type ReplicaSet, type ReplicaSetStatus } from './kobj.ts';
import { REPLICASET_CONTROLLER } from './events.ts';
import { canonicalJson, randomSuffix } from './template.ts';

// The ReplicaSet controller (pkg/controller/replicaset): keeps the number of pods it owns equal
// to spec.replicas and reports how many are ready and available. Pods are found by controller
// ownerReference, which is what the real controller ends up with after adoption.

// Read-only scan without copies: this runs on every pod change, and copying a namespace's
// pods each time made large ReplicaSets quadratic.
function ownedPods(ctx: ControllerContext, rs: ReplicaSet): readonly Pod[] {
  return ctx.store
    .listShared('pods', { namespace: rs.metadata.namespace })
    .filter((p) => isOwnedBy(p, rs) && !p.metadata.deletionTimestamp)
    .map(asPod);
}

function readyStamp(p: Pod): number {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** ActivePodsWithRanks: the pods cheapest to lose come first (unscheduled, pending, not ready, newest). */
export function deletionOrder(pods: readonly Pod[]): Pod[] {
  const restarts = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
  return [...pods].sort((a, b) => {
    const assigned = Number(Boolean(a.spec.nodeName)) - Number(Boolean(b.spec.nodeName));
    if (assigned) return assigned;
    const phase = (PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0) - (PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0);
    if (phase) return phase;
    const ready = Number(podIsReady(a)) - Number(podIsReady(b));
    if (ready) return ready;
    // Order only: the wall-clock stamps sort the same as the simulated instants behind them.
    const since = readyStamp(b) - readyStamp(a);
    if (since) return since;
    const restart = restarts(b) - restarts(a);
    if (restart) return restart;
    return createdMs(b) - createdMs(a);
  });
}

function qosClass(rs: ReplicaSet): string {
  const containers = rs.spec.template?.spec?.containers ?? [];
  const resources = containers.map((c) => c.resources ?? {});
  if (resources.every((r) => !Object.keys(r.requests ?? {}).length && !Object.keys(r.limits ?? {}).length)) return 'BestEffort';
  const guaranteed = resources.every((r) => ['cpu', 'memory'].every((k) => r.limits?.[k] !== undefined && (r.requests?.[k] ?? r.limits[k]) === r.limits[k]));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function createPod(ctx: ControllerContext, rs: ReplicaSet): void {
  const template = rs.spec.template ?? {};
  for (let attempt = 0; attempt < 5; attempt++) {
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${rs.metadata.name}-${randomSuffix()}`,
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels: { ...template.metadata?.labels },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [ownerRefTo(rs)],
      },
      spec: structuredClone(template.spec ?? {}),
      status: { phase: 'Pending', qosClass: qosClass(rs) },
    };
    try {
      const created = ctx.store.create('pods', pod);
      ctx.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, REPLICASET_CONTROLLER);
      return;
    } catch (err) {
      // A random-name collision is retried with another name, like generateName does.
      if (typeof err === 'object' && err !== null && 'reason' in err && err.reason === 'AlreadyExists') continue;
      ctx.events.record(rs, 'Warning', 'FailedCreate', `Error creating: ${err instanceof Error ? err.message : String(err)}`, REPLICASET_CONTROLLER);
      return;
    }
  }
}

export function syncReplicaSet(ctx: ControllerContext, namespace: string, name: string): void {
  const found = ctx.store.get('replicasets.apps', namespace, name);
  if (!found || found.metadata.deletionTimestamp) return;
  const rs = asReplicaSet(found);
  const desired = rs.spec.replicas ?? 1;
  let pods = ownedPods(ctx, rs);

  if (pods.length < desired) {
    for (let i = pods.length; i < desired; i++) createPod(ctx, rs);
    pods = ownedPods(ctx, rs);
  } else if (pods.length > desired) {
    for (const pod of deletionOrder(pods).slice(0, pods.length - desired)) {
      try {
        ctx.store.delete('pods', namespace, pod.metadata.name);
        ctx.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, REPLICASET_CONTROLLER);
      } catch {
        // Already gone: the next sync counts again.
      }
    }
    pods = ownedPods(ctx, rs);
  }

  const minReadyMs = (rs.spec.minReadySeconds ?? 0) * 1000;
  const now = ctx.clock.now();
  let nextAvailableAt: number | undefined;
  let available = 0;
  for (const pod of pods) {
    const since = readySince(pod, ctx.clock);
    if (since === undefined) continue;
    if (since + minReadyMs <= now) available++;
    else nextAvailableAt = Math.min(nextAvailableAt ?? Infinity, since + minReadyMs);
  }
  const templateLabels = Object.entries(rs.spec.template?.metadata?.labels ?? {});
  const status: ReplicaSetStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: pods.filter((p) => templateLabels.every(([k, v]) => p.metadata.labels?.[k] === v)).length,
    readyReplicas: pods.filter(podIsReady).length,
    availableReplicas: available,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (canonicalJson(rs.status ?? {}) !== canonicalJson(status)) {
    const fresh = ctx.store.get('replicasets.apps', namespace, name);
    if (fresh) ctx.store.update('replicasets.apps', { ...fresh, status }, { subresource: 'status' });
  }
  // A pod that is ready but not yet for minReadySeconds becomes available with no event to say
  // so; wake up when it does.
  if (nextAvailableAt !== undefined) ctx.requeueAfter('replicasets.apps', namespace, name, nextAvailableAt - now);
}
