import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, Signal } from './cluster-client.ts';
import type { KubeConnection } from './connection.ts';
import { KubeError } from './errors.ts';
import { listAll } from './list.ts';
import { collectionPath, objectPath, type KindRef } from './resources.ts';
import { withRetry } from './retry.ts';

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment' };
const POD = { apiVersion: 'v1', kind: 'Pod' };
const EVENT = { apiVersion: 'v1', kind: 'Event' };
// Beyond this many names, one list of the namespace's events is cheaper than a request per name.
const EVENT_QUERIES_MAX = 10;
const LOG_LIMIT_BYTES = 256 * 1024;

export async function getDeployment(conn: KubeConnection, namespace: string, name: string, opts: Signal = {}): Promise<Deployment | null> {
  try {
    return await withRetry(() => conn.json<Deployment>({ path: objectPath({ ...DEPLOYMENT, namespace, name }), signal: opts.signal }), opts.signal);
  } catch (e) {
    if (e instanceof KubeError && e.kind === 'not_found') return null;
    throw e;
  }
}

export async function listPods(conn: KubeConnection, namespace: string, labelSelector: string, opts: Signal = {}): Promise<Pod[]> {
  const list = await withRetry(() => listAll<Pod>(conn, collectionPath(POD, namespace), { labelSelector }, opts.signal), opts.signal);
  return list.items;
}

function eventTime(e: Event): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.series?.lastObservedTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp;
  return t ? Date.parse(t) : 0;
}

export async function listEvents(conn: KubeConnection, namespace: string, involvedObjectNames: string[], opts: Signal = {}): Promise<Event[]> {
  const names = [...new Set(involvedObjectNames)];
  if (names.length === 0) return [];
  const path = collectionPath(EVENT, namespace);
  let events: Event[];
  if (names.length <= EVENT_QUERIES_MAX) {
    const lists = await Promise.all(
      names.map((name) => withRetry(() => listAll<Event>(conn, path, { fieldSelector: `involvedObject.name=${name}` }, opts.signal), opts.signal)),
    );
    events = lists.flatMap((l) => l.items);
  } else {
    const wanted = new Set(names);
    const all = await withRetry(() => listAll<Event>(conn, path, {}, opts.signal), opts.signal);
    events = all.items.filter((e) => e.involvedObject.name !== undefined && wanted.has(e.involvedObject.name));
  }
  return events.sort((a, b) => eventTime(b) - eventTime(a));
}

export async function podLog(conn: KubeConnection, namespace: string, pod: string, opts: Signal & { tailLines?: number; container?: string } = {}): Promise<string> {
  const path = `${objectPath({ ...POD, namespace, name: pod })}/log`;
  return withRetry(
    () => conn.text({ path, query: { tailLines: opts.tailLines ?? 100, container: opts.container, limitBytes: LOG_LIMIT_BYTES }, signal: opts.signal }),
    opts.signal,
  );
}

export async function listByLabel(conn: KubeConnection, kind: KindRef, labelSelector: string, opts: Signal & { namespace?: string } = {}): Promise<KubeObject[]> {
  const list = await withRetry(() => listAll<KubeObject>(conn, collectionPath(kind, opts.namespace), { labelSelector }, opts.signal), opts.signal);
  // Lists leave out each item's apiVersion and kind; callers compare and delete by them.
  return list.items.map((item) => ({ ...item, apiVersion: kind.apiVersion, kind: kind.kind }));
}
