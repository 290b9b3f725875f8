import { randomUUID } from 'node:crypto';
import { resourceType, apiVersionOf, type ResourceType } from './resources.ts';
import { notFound, alreadyExists, conflict, badRequest, gone } from './errors.ts';
import { parseLabelSelector, matchesLabels, parseFieldSelector, matchesFields } from './selectors.ts';
import { validate } from './validation.ts';
import { applyDefaults } from './defaults.ts';
import { LogStore } from './logs.ts';
import { clone, key, compareKeys, randomSuffix, specOf, sameContent } from './object-utils.ts';

export { ApiError } from './errors.ts';

export type OwnerReference = { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean };
export type ObjectMeta = { name: string; namespace?: string; uid?: string; resourceVersion?: string; generation?: number; creationTimestamp?: string; deletionTimestamp?: string; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: OwnerReference[]; managedFields?: unknown[]; generateName?: string; finalizers?: string[] };
export type KObject = { apiVersion: string; kind: string; metadata: ObjectMeta; [key: string]: unknown };
export type WatchEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED'; resource: string; object: KObject };
export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';
export type ListOptions = { namespace?: string; labelSelector?: string; fieldSelector?: string };

export type StoreSnapshot = { resourceVersion: string; objects: Record<string, KObject[]> };

type Retained = { rv: number; event: WatchEvent };

const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * The cluster's state: every object keyed by resource and namespace/name, one global
 * resourceVersion counter (as etcd's revision), and a bounded history of changes so watches can
 * resume. All writes are synchronous; listeners run before the write returns.
 * Objects handed to listeners are shared between them: read, never mutate.
 */
export class Store {
  readonly logs = new LogStore();
  private data = new Map<string, Map<string, KObject>>();
  private rv = 0;
  private history: Retained[] = [];
  /** Events at or below this resourceVersion are no longer retained. */
  private compactedRv = 0;
  private listeners = new Set<(event: WatchEvent) => void>();
  private readonly watchWindow: number;
  /** Simulated wall clock for timestamps; the server points it at the SimClock. */
  now: () => Date = () => new Date();

  constructor(opts?: { watchWindow?: number }) {
    this.watchWindow = opts?.watchWindow ?? 1000;
    this.seedNamespaces();
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  get oldestResumableVersion(): number {
    return this.compactedRv;
  }

  get(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    const obj = this.table(resource).get(key(resourceType(resource), namespace, name));
    return obj ? clone(obj) : undefined;
  }

  list(resource: string, opts?: ListOptions): KObject[] {
    return this.listShared(resource, opts).map((o) => clone(o));
  }

  /** Like list, without copying, sorted by namespace/name as etcd keys are. For serializers only. */
  listShared(resource: string, opts?: ListOptions): readonly KObject[] {
    const labels = parseLabelSelector(opts?.labelSelector);
    const fields = parseFieldSelector(opts?.fieldSelector);
    const out: KObject[] = [];
    for (const obj of this.table(resource).values()) {
      if (opts?.namespace && obj.metadata.namespace !== opts.namespace) continue;
      if (labels.length && !matchesLabels(labels, obj.metadata.labels)) continue;
      if (fields.length && !matchesFields(fields, obj)) continue;
      out.push(obj);
    }
    return out.sort((a, b) => compareKeys(a.metadata, b.metadata));
  }

  create(resource: string, input: KObject, opts?: { dryRun?: boolean }): KObject {
    const t = resourceType(resource);
    const obj = clone(input);
    const meta = (obj.metadata ??= { name: '' });
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    if (t.namespaced && !meta.namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    if (!t.namespaced) delete meta.namespace;
    obj.apiVersion = apiVersionOf(t);
    obj.kind = t.kind;
    applyDefaults(resource, obj);
    validate(t, obj);
    const k = key(t, meta.namespace, meta.name);
    if (this.table(resource).has(k)) throw alreadyExists(t.plural, t.group, meta.name);
    meta.uid = randomUUID();
    meta.creationTimestamp = this.timestamp();
    if (t.generation) meta.generation = 1;
    else delete meta.generation;
    if (meta.managedFields?.length === 0) delete meta.managedFields;
    delete meta.deletionTimestamp;
    if (opts?.dryRun) return obj;
    return this.commit(t, 'ADDED', obj);
  }

  update(resource: string, input: KObject, opts?: { subresource?: 'status'; dryRun?: boolean }): KObject {
    const t = resourceType(resource);
    const name = input.metadata?.name ?? '';
    const current = this.table(resource).get(key(t, input.metadata?.namespace, name));
    if (!current) throw notFound(t.plural, t.group, name);
    const asked = input.metadata.resourceVersion;
    if (asked && asked !== current.metadata.resourceVersion) {
      throw conflict(t.plural, t.group, name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    let next: KObject;
    if (opts?.subresource === 'status') {
      next = clone(current);
      next.status = clone(input.status);
    } else {
      next = clone(input);
      next.apiVersion = apiVersionOf(t);
      next.kind = t.kind;
      // With a status subresource the main resource ignores status writes, as on a real server.
      if (t.subresources.includes('status')) next.status = clone(current.status);
      if (next.status === undefined) delete next.status;
      const m = next.metadata;
      m.uid = current.metadata.uid;
      m.creationTimestamp = current.metadata.creationTimestamp;
      m.deletionTimestamp = current.metadata.deletionTimestamp;
      if (!t.namespaced) delete m.namespace;
      applyDefaults(resource, next);
      validate(t, next, current);
      if (t.generation) m.generation = (current.metadata.generation ?? 1) + (specOf(next) !== specOf(current) ? 1 : 0);
      else delete m.generation;
      if (m.managedFields?.length === 0) delete m.managedFields;
    }
    if (opts?.dryRun) {
      next.metadata.resourceVersion = current.metadata.resourceVersion;
      return next;
    }
    if (next.metadata.deletionTimestamp && !next.metadata.finalizers?.length) {
      // Last finalizer removed from a terminating object: the deletion completes now.
      this.remove(t, current);
      return clone(current);
    }
    if (sameContent(next, current)) return clone(current);
    if (!next.metadata.deletionTimestamp) delete next.metadata.deletionTimestamp;
    return this.commit(t, 'MODIFIED', next);
  }

  delete(resource: string, namespace: string | undefined, name: string, opts?: { propagationPolicy?: PropagationPolicy; dryRun?: boolean }): KObject | undefined {
    const t = resourceType(resource);
    const current = this.table(resource).get(key(t, namespace, name));
    if (!current) throw notFound(t.plural, t.group, name);
    if (opts?.dryRun) return clone(current);
    const policy = opts?.propagationPolicy ?? 'Background';
    const uid = current.metadata.uid ?? '';
    if (resource === 'namespaces') return this.deleteNamespace(current);
    if (policy === 'Orphan') {
      for (const [depType, dep] of this.dependents(uid)) {
        const refs = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        const copy = clone(dep);
        if (refs.length) copy.metadata.ownerReferences = refs;
        else delete copy.metadata.ownerReferences;
        this.commit(depType, 'MODIFIED', copy);
      }
    }
    const finalizers = current.metadata.finalizers ?? [];
    if (policy === 'Foreground') {
      // The owner stays visible with deletionTimestamp until its dependents are gone.
      const marked = clone(current);
      marked.metadata.deletionTimestamp ??= this.timestamp();
      marked.metadata.finalizers = [...new Set([...finalizers, 'foregroundDeletion'])];
      this.commit(t, 'MODIFIED', marked);
      this.collect(uid, 'Foreground');
      const after = this.table(resource).get(key(t, namespace, name));
      if (!after) return undefined;
      const rest = (after.metadata.finalizers ?? []).filter((f) => f !== 'foregroundDeletion');
      const done = clone(after);
      done.metadata.finalizers = rest;
      if (rest.length) return this.commit(t, 'MODIFIED', done);
      delete done.metadata.finalizers;
      return this.remove(t, done);
    }
    if (finalizers.length) {
      if (current.metadata.deletionTimestamp) return clone(current);
      const marked = clone(current);
      marked.metadata.deletionTimestamp = this.timestamp();
      return this.commit(t, 'MODIFIED', marked);
    }
    const removed = this.remove(t, current);
    if (policy === 'Background') this.collect(uid, 'Background');
    return removed;
  }

  subscribe(listener: (event: WatchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Retained events after `rv`, oldest first; 410 Expired when `rv` predates the window. */
  eventsSince(rv: number): readonly WatchEvent[] {
    if (rv < this.compactedRv) throw gone(`too old resource version: ${rv} (${this.compactedRv + 1})`);
    const first = this.history.findIndex((e) => e.rv > rv);
    return first < 0 ? [] : this.history.slice(first).map((e) => e.event);
  }

  /** Every stored object by resource key, with the current resourceVersion: what a state file keeps. */
  snapshot(): StoreSnapshot {
    const objects: Record<string, KObject[]> = {};
    for (const [resource, table] of this.data) if (table.size) objects[resource] = [...table.values()].map((o) => clone(o));
    return { resourceVersion: this.resourceVersion, objects };
  }

  /**
   * Replaces the contents with a snapshot, without events (call before anything subscribes). The
   * resourceVersion continues above the highest saved one, and older versions are compacted away,
   * as after an apiserver restart on a compacted etcd: a watch resuming from before gets 410.
   */
  restore(snap: StoreSnapshot): void {
    this.data.clear();
    let rv = Number(snap.resourceVersion) || 0;
    for (const [resource, objects] of Object.entries(snap.objects)) {
      const t = resourceType(resource);
      const table = this.table(resource);
      for (const obj of objects) {
        table.set(key(t, obj.metadata.namespace, obj.metadata.name), clone(obj));
        rv = Math.max(rv, Number(obj.metadata.resourceVersion) || 0);
      }
    }
    this.rv = rv;
    this.history = [];
    this.compactedRv = rv;
    this.seedNamespaces();
  }

  /** Removes every object (each a DELETED event, so watchers and controllers see it) and all logs. */
  reset(): void {
    for (const [resource, table] of this.data) {
      const t = resourceType(resource);
      for (const obj of [...table.values()]) this.remove(t, obj);
    }
    this.logs.clear();
    this.seedNamespaces();
  }

  appendLog(namespace: string, pod: string, container: string, line: string): void {
    this.logs.append(namespace, pod, container, line);
  }

  readLog(namespace: string, pod: string, container: string, opts?: { tailLines?: number }): string[] {
    return this.logs.read(namespace, pod, container, opts);
  }

  followLog(namespace: string, pod: string, container: string, listener: (line: string) => void): () => void {
    return this.logs.follow(namespace, pod, container, listener);
  }

  /** What an apiserver creates itself: the system namespaces and the `kubernetes` Service and Endpoints. */
  private seedNamespaces(): void {
    for (const name of DEFAULT_NAMESPACES) {
      if (!this.table('namespaces').has(`/${name}`)) this.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
    const labels = { component: 'apiserver', provider: 'kubernetes' };
    if (!this.table('services').has('default/kubernetes')) {
      this.create('services', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels },
        spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
      });
    }
    if (!this.table('endpoints').has('default/kubernetes')) {
      this.create('endpoints', {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
        subsets: [{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
      });
    }
  }

  private deleteNamespace(ns: KObject): KObject | undefined {
    const t = resourceType('namespaces');
    const terminating = clone(ns);
    terminating.metadata.deletionTimestamp = this.timestamp();
    terminating.status = { phase: 'Terminating' };
    this.commit(t, 'MODIFIED', terminating);
    for (const [resource, table] of this.data) {
      const rt = resourceType(resource);
      if (!rt.namespaced) continue;
      for (const obj of [...table.values()]) if (obj.metadata.namespace === ns.metadata.name) this.remove(rt, obj);
    }
    return this.remove(t, terminating);
  }

  private collect(ownerUid: string, policy: PropagationPolicy): void {
    for (const [t, dep] of this.dependents(ownerUid)) {
      const still = this.table(t.key).get(key(t, dep.metadata.namespace, dep.metadata.name));
      if (still) this.delete(t.key, dep.metadata.namespace, dep.metadata.name, { propagationPolicy: policy });
    }
  }

  private dependents(ownerUid: string): [ResourceType, KObject][] {
    const out: [ResourceType, KObject][] = [];
    if (!ownerUid) return out;
    for (const [resource, table] of this.data) {
      for (const obj of table.values()) {
        if (obj.metadata.ownerReferences?.some((r) => r.uid === ownerUid)) out.push([resourceType(resource), obj]);
      }
    }
    return out;
  }

  private remove(t: ResourceType, obj: KObject): KObject {
    this.table(t.key).delete(key(t, obj.metadata.namespace, obj.metadata.name));
    if (t.key === 'pods') this.logs.dropPod(obj.metadata.namespace ?? '', obj.metadata.name);
    const gone = clone(obj);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ type: 'DELETED', resource: t.key, object: gone });
    return clone(gone);
  }

  private commit(t: ResourceType, type: 'ADDED' | 'MODIFIED', obj: KObject): KObject {
    obj.metadata.resourceVersion = String(++this.rv);
    this.table(t.key).set(key(t, obj.metadata.namespace, obj.metadata.name), obj);
    this.emit({ type, resource: t.key, object: clone(obj) });
    return clone(obj);
  }

  private emit(event: WatchEvent): void {
    this.history.push({ rv: this.rv, event });
    // Trim in batches so the window costs O(1) amortized per write.
    if (this.history.length > this.watchWindow * 2) {
      const dropped = this.history.splice(0, this.history.length - this.watchWindow);
      this.compactedRv = dropped[dropped.length - 1]?.rv ?? this.compactedRv;
    }
    for (const l of [...this.listeners]) l(event);
  }

  private table(resource: string): Map<string, KObject> {
    let t = this.data.get(resource);
    if (!t) {
      resourceType(resource);
      t = new Map();
      this.data.set(resource, t);
    }
    return t;
  }

  private timestamp(): string {
    return this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}
