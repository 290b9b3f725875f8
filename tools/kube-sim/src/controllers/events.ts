import type { KObject, Store } from '../store.ts';
import type { SimClock } from '../clock.ts';

// core/v1 Events as client-go's EventRecorder writes them: named `<object>.<hex nanos>`, in the
// object's namespace, and aggregated, so a repeated event (BackOff every back-off period) bumps
// `count` and `lastTimestamp` on one object instead of piling up new ones.

export type EventSource = { component: string; host?: string };
export type EventType = 'Normal' | 'Warning';

export const DEPLOYMENT_CONTROLLER: EventSource = { component: 'deployment-controller' };
export const REPLICASET_CONTROLLER: EventSource = { component: 'replicaset-controller' };
export const SCHEDULER: EventSource = { component: 'default-scheduler' };
export const HPA_CONTROLLER: EventSource = { component: 'horizontal-pod-autoscaler' };
export const NODE_NAME = 'kube-sim-node';
export const KUBELET: EventSource = { component: 'kubelet', host: NODE_NAME };

export class EventRecorder {
  readonly #store: Store;
  readonly #clock: SimClock;
  // Aggregation key -> event name. Stale entries (after a reset) just miss and create anew.
  readonly #seen = new Map<string, string>();
  #seq = 0;

  constructor(store: Store, clock: SimClock) {
    this.#store = store;
    this.#clock = clock;
  }

  record(obj: KObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const namespace = obj.metadata.namespace ?? 'default';
    const uid = obj.metadata.uid ?? '';
    const key = [namespace, uid, fieldPath ?? '', type, reason, message, source.component].join('\u0000');
    const now = this.#clock.nowISO();
    try {
      const name = this.#seen.get(key);
      const existing = name ? this.#store.get('events', namespace, name) : undefined;
      if (existing) {
        existing.count = (typeof existing.count === 'number' ? existing.count : 1) + 1;
        existing.lastTimestamp = now;
        this.#store.update('events', existing);
        return;
      }
      const nanos = BigInt(Math.floor(this.#clock.wallNow())) * 1_000_000n + BigInt(this.#seq++ % 1_000_000);
      const event: KObject = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${obj.metadata.name}.${nanos.toString(16)}`, namespace },
        involvedObject: {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: obj.metadata.name,
          namespace,
          uid,
          resourceVersion: obj.metadata.resourceVersion,
          ...(fieldPath ? { fieldPath } : {}),
        },
        reason,
        message,
        source: { ...source },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      };
      const created = this.#store.create('events', event);
      this.#seen.set(key, created.metadata.name);
    } catch {
      // Events are best effort on a real cluster too (the recorder drops on error); a failure
      // here (say, the namespace is being deleted) must not stop a controller.
    }
  }

  forget(): void {
    this.#seen.clear();
  }
}
