import type { KObject, Store, WatchEvent } from '../store.ts';
import type { SimClock } from '../clock.ts';
import { DEFAULT_POD_TIMING, type ControllerContext, type PodTiming } from './context.ts';
import { EventRecorder } from './events.ts';
import { ImageFaults, type ImageFaultPattern } from './images.ts';
import { asHpa, asPod, controllerRef, stampKey, type Condition } from './kobj.ts';
import { Kubelet } from './pods.ts';
import { syncDeployment } from './deployment.ts';
import { syncReplicaSet } from './replicaset.ts';
import { syncHpa } from './hpa.ts';
import { bindSimAdminRoutes, boundSimAdminRoutes, createSimAdminRoutes, type SimAdminRoutes } from './admin.ts';

// The controller manager: store events and clock timers feed one de-duplicating work queue, as
// client-go informers feed a workqueue. Store listeners run inside the writer's call, so nothing
// is synced there: keys are queued and drained on the next turn of the event loop.

export type ControllerOptions = {
  pods?: Partial<PodTiming>;
  imageFaults?: readonly ImageFaultPattern[];
};

const DEPLOYMENTS = 'deployments.apps';
const REPLICASETS = 'replicasets.apps';
const HPAS = 'horizontalpodautoscalers.autoscaling';

// Per drain; then yield so HTTP requests and watches are served between bursts.
const BATCH = 500;

const SYNC: Record<string, (ctx: ControllerContext, namespace: string, name: string) => void> = {
  [DEPLOYMENTS]: syncDeployment,
  [REPLICASETS]: syncReplicaSet,
  [HPAS]: syncHpa,
};

export function startControllers(store: Store, clock: SimClock, opts?: ControllerOptions): { stop(): void; adminRoutes: SimAdminRoutes; context: ControllerContext } {
  const queue = new Set<string>();
  const delayed = new Map<string, { due: number; cancel: () => void }>();
  let draining: NodeJS.Immediate | undefined;
  let stopped = false;

  const keyOf = (resource: string, namespace: string | undefined, name: string) => `${resource}|${namespace ?? ''}|${name}`;
  const enqueue = (resource: string, namespace: string | undefined, name: string): void => {
    if (stopped) return;
    queue.add(keyOf(resource, namespace, name));
    draining ??= setImmediate(drain);
  };
  const requeueAfter = (resource: string, namespace: string | undefined, name: string, simMs: number): void => {
    const key = keyOf(resource, namespace, name);
    const due = clock.now() + simMs;
    const pending = delayed.get(key);
    if (pending && pending.due <= due) return;
    pending?.cancel();
    const cancel = clock.setTimer(simMs, () => {
      delayed.delete(key);
      enqueue(resource, namespace, name);
    });
    delayed.set(key, { due, cancel });
  };

  const ctx: ControllerContext = {
    store,
    clock,
    events: new EventRecorder(store, clock),
    timing: { ...DEFAULT_POD_TIMING, ...opts?.pods },
    images: new ImageFaults(opts?.imageFaults),
    hpa: { cpuUtilization: undefined, loads: new Map() },
    enqueue,
    requeueAfter,
  };
  const kubelet = new Kubelet(ctx);

  function drain(): void {
    draining = undefined;
    let n = 0;
    for (const key of queue) {
      if (stopped) return;
      if (n++ >= BATCH) {
        draining = setImmediate(drain);
        return;
      }
      queue.delete(key);
      const [resource = '', namespace = '', name = ''] = key.split('|');
      try {
        SYNC[resource]?.(ctx, namespace, name);
      } catch (err) {
        // A conflict means someone wrote in between; anything else is logged. Either way the
        // object is looked at again shortly, as a real controller's rate-limited requeue does.
        const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
        if (code !== 409 && code !== 404) console.error(`kube-sim: syncing ${resource} ${namespace}/${name} failed:`, err);
        requeueAfter(resource, namespace, name, 1000);
      }
    }
  }

  function enqueueOwner(obj: KObject, kind: string, resource: string): void {
    const ref = controllerRef(obj);
    if (ref?.kind === kind) enqueue(resource, obj.metadata.namespace, ref.name);
  }

  // Condition times the controllers measure durations from (Ready for minReadySeconds, Progressing
  // for the progress deadline) are noted with the simulated instant of the write that stamped them;
  // listeners run inside the write, so clock.now() is that instant.
  function noteStamp(obj: KObject, type: string, field: 'lastTransitionTime' | 'lastUpdateTime', onlyTrue = false): void {
    const conditions = (obj.status as { conditions?: Condition[] } | undefined)?.conditions;
    const cond = conditions?.find((c) => c.type === type);
    if (onlyTrue && cond?.status !== 'True') return;
    const iso = cond?.[field];
    if (iso && iso === clock.nowISO()) clock.noteOnce(stampKey(obj, type), iso);
  }

  // The service account controller: every namespace has a `default` ServiceAccount.
  function ensureDefaultServiceAccount(namespace: string): void {
    if (store.get('serviceaccounts', namespace, 'default')) return;
    const ns = store.get('namespaces', undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    store.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
  }

  function onEvent(e: WatchEvent): void {
    const { object: obj, type } = e;
    const ns = obj.metadata.namespace;
    switch (e.resource) {
      case 'namespaces':
        if (type === 'ADDED') setImmediate(() => !stopped && ensureDefaultServiceAccount(obj.metadata.name));
        break;
      case 'serviceaccounts':
        if (type === 'DELETED' && obj.metadata.name === 'default' && ns) setImmediate(() => !stopped && ensureDefaultServiceAccount(ns));
        break;
      case 'pods': {
        if (type !== 'DELETED') noteStamp(obj, 'Ready', 'lastTransitionTime', true);
        if (type === 'ADDED') kubelet.admit(asPod(obj));
        if (type === 'DELETED') kubelet.forget(asPod(obj));
        enqueueOwner(obj, 'ReplicaSet', REPLICASETS);
        break;
      }
      case REPLICASETS: {
        if (type !== 'DELETED') enqueue(REPLICASETS, ns, obj.metadata.name);
        enqueueOwner(obj, 'Deployment', DEPLOYMENTS);
        break;
      }
      case DEPLOYMENTS: {
        if (type !== 'DELETED') noteStamp(obj, 'Progressing', 'lastUpdateTime');
        if (type !== 'DELETED') enqueue(DEPLOYMENTS, ns, obj.metadata.name);
        for (const h of store.list(HPAS, { namespace: ns })) {
          const ref = asHpa(h).spec.scaleTargetRef;
          if (ref.kind === 'Deployment' && ref.name === obj.metadata.name) enqueue(HPAS, ns, h.metadata.name);
        }
        break;
      }
      case HPAS: {
        if (type === 'DELETED') ctx.hpa.loads.delete(`${ns ?? ''}/${obj.metadata.name}`);
        else enqueue(HPAS, ns, obj.metadata.name);
        break;
      }
    }
  }

  // Timestamps written by the store are wall-clock time (the server sets this as well).
  store.now = () => new Date(clock.wallNow());
  const unsubscribe = store.subscribe(onEvent);
  // Objects that exist before the controllers start get the same treatment as new ones.
  for (const pod of store.list('pods')) kubelet.admit(asPod(pod));
  for (const ns of store.list('namespaces')) ensureDefaultServiceAccount(ns.metadata.name);
  for (const resource of [REPLICASETS, DEPLOYMENTS, HPAS]) for (const o of store.list(resource)) enqueue(resource, o.metadata.namespace, o.metadata.name);

  const adminRoutes = createSimAdminRoutes(ctx);
  bindSimAdminRoutes(adminRoutes);

  return {
    adminRoutes,
    context: ctx,
    stop(): void {
      stopped = true;
      unsubscribe();
      if (draining) clearImmediate(draining);
      for (const { cancel } of delayed.values()) cancel();
      delayed.clear();
      queue.clear();
      kubelet.stop();
      if (boundSimAdminRoutes() === adminRoutes) bindSimAdminRoutes(undefined);
    },
  };
}
