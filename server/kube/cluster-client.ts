import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { KubeError } from './errors.ts';
import type { KindRef, ObjectRef } from './resources.ts';

// What the rollout task and the cluster pages get: plain JSON objects in and out, errors as
// KubeError (server/kube/errors.ts). No @kubernetes/client-node type appears here.

/**
 * Any Kubernetes object as JSON, known by apiVersion, kind and metadata.name; the kubernetes-types
 * interfaces (Deployment, Pod…) with those fields set are KubeObjects, and a KubeObject is cast to
 * one of them to read its spec or status.
 */
export type KubeObject = { apiVersion: string; kind: string; metadata: ObjectMeta & { name: string } };

/** Return true to stop watching; the watch then resolves. */
export type WatchCallback<T> = (value: T) => boolean | void | Promise<boolean | void>;
export type Signal = { signal?: AbortSignal };
/** onRetry hears of each retryable failure the watch rides out (show "cluster unreachable, retrying"). */
export type WatchOptions = Signal & { onRetry?: (error: KubeError, attempt: number) => void };

export type ClusterClient = {
  clusterId: number;
  /** Server-side apply of each whole object in order (field manager `drucker`, force); returns what the server stored. */
  apply(objects: KubeObject[], opts?: Signal): Promise<KubeObject[]>;
  /** Deletes with Background propagation; an object already gone counts as removed. */
  remove(refs: ObjectRef[], opts?: Signal): Promise<void>;
  getDeployment(namespace: string, name: string, opts?: Signal): Promise<Deployment | null>;
  /**
   * Lists, then watches from the list's resourceVersion; resumes from the last version seen after a
   * dropped stream and lists again on 410 Gone. Calls onChange with the Deployment (null while it
   * does not exist) on every change, until onChange returns true or the signal aborts.
   */
  watchDeployment(namespace: string, name: string, onChange: WatchCallback<Deployment | null>, opts?: WatchOptions): Promise<void>;
  /** The same for a whole selection (pods of a rollout): onChange gets every current item. */
  watchList<T extends KubeObject>(kind: KindRef, namespace: string, labelSelector: string, onChange: WatchCallback<T[]>, opts?: WatchOptions): Promise<void>;
  listPods(namespace: string, labelSelector: string, opts?: Signal): Promise<Pod[]>;
  /** Events about the named objects, newest first. */
  listEvents(namespace: string, involvedObjectNames: string[], opts?: Signal): Promise<Event[]>;
  podLog(namespace: string, pod: string, opts?: Signal & { tailLines?: number; container?: string }): Promise<string>;
  /** Objects of one kind carrying the labels (namespace undefined: every namespace). */
  listByLabel(kind: KindRef, labelSelector: string, opts?: Signal & { namespace?: string }): Promise<KubeObject[]>;
  /** The API server's gitVersion, e.g. v1.32.0 (health checks). */
  version(opts?: Signal): Promise<string>;
  close(): Promise<void>;
};
