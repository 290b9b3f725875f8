import type { KObject, ObjectMeta } from './store.ts';
import type { ResourceType } from './resources.ts';

// Small pure helpers behind the Store: copying, keys, and what counts as a change.

/** Objects are plain JSON; a JSON round trip copies them several times faster than structuredClone. */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function key(t: ResourceType, namespace: string | undefined, name: string): string {
  return t.namespaced ? `${namespace ?? ''}/${name}` : `/${name}`;
}

export function compareKeys(a: ObjectMeta, b: ObjectMeta): number {
  const ka = `${a.namespace ?? ''}/${a.name}`;
  const kb = `${b.namespace ?? ''}/${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

const SUFFIX_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += SUFFIX_CHARS[Math.floor(Math.random() * SUFFIX_CHARS.length)];
  return s;
}

/** Everything but metadata and status: a change here is a new generation. */
export function specOf(obj: KObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return JSON.stringify(rest);
}

// A write that changes nothing keeps its resourceVersion and emits no event, as on a real server;
// managedFields timestamps alone do not count as a change.
export function sameContent(a: KObject, b: KObject): boolean {
  const strip = (o: KObject): string => {
    const { resourceVersion: _rv, managedFields, ...meta } = o.metadata;
    const mf = (managedFields ?? []).map((e) => {
      if (typeof e !== 'object' || e === null) return e;
      const { time: _t, ...rest } = e as Record<string, unknown>;
      return rest;
    });
    return JSON.stringify({ ...o, metadata: { ...meta, managedFields: mf } });
  };
  return strip(a) === strip(b);
}
