import type { Deployment } from 'kubernetes-types/apps/v1';
import type { KubeObject, WatchCallback, WatchOptions } from './cluster-client.ts';
import type { KubeConnection } from './connection.ts';
import { collectionPath, type KindRef } from './resources.ts';
import { watchCollection } from './watch.ts';

/** One Deployment (null while it does not exist) after every change, until onChange returns true. */
export function watchDeployment(conn: KubeConnection, namespace: string, name: string, onChange: WatchCallback<Deployment | null>, opts: WatchOptions = {}): Promise<void> {
  const path = collectionPath({ apiVersion: 'apps/v1', kind: 'Deployment' }, namespace);
  return watchCollection<KubeObject>(conn, path, { ...opts, fieldSelector: `metadata.name=${name}` }, (items) => onChange((items[0] as Deployment | undefined) ?? null));
}

export function watchList<T extends KubeObject>(conn: KubeConnection, kind: KindRef, namespace: string, labelSelector: string, onChange: WatchCallback<T[]>, opts: WatchOptions = {}): Promise<void> {
  return watchCollection<T>(conn, collectionPath(kind, namespace), { ...opts, labelSelector }, onChange);
}
