import { isObject, mergeKeyFor, type Json, type JsonObject } from './keys.ts';
import type { KObject } from '../store.ts';

// managedFields bookkeeping. A field set is kept as a map from a leaf path (FieldsV1 path elements
// such as `f:spec`, `k:{"name":"web"}`, `.`, joined by SEP) to that leaf's JSON value, so ownership
// and "did this value change" are both one lookup.

const SEP = '\u0001';

export type ManagedFieldsEntry = { manager: string; operation: 'Apply' | 'Update'; apiVersion: string; time?: string; fieldsType: 'FieldsV1'; fieldsV1: JsonObject; subresource?: string };

export function flatten(obj: KObject | JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  const o = obj as JsonObject;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'status' || k === 'metadata') continue;
    walk(v, [`f:${k}`], [k], out);
  }
  const meta = o.metadata;
  if (isObject(meta)) {
    for (const k of ['labels', 'annotations', 'ownerReferences', 'finalizers']) {
      const v = meta[k];
      if (v !== undefined) walk(v, ['f:metadata', `f:${k}`], ['metadata', k], out);
    }
  }
  return out;
}

function walk(value: Json, elems: string[], names: string[], out: Map<string, string>): void {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) walk(v, [...elems, `f:${k}`], [...names, k], out);
    return;
  }
  const field = names[names.length - 1] ?? '';
  const key = Array.isArray(value) ? mergeKeyFor(names.slice(0, -1), field) : undefined;
  if (Array.isArray(value) && key && value.every((x) => isObject(x) && x[key] !== undefined)) {
    for (const item of value as JsonObject[]) {
      const itemElems = [...elems, `k:${JSON.stringify({ [key]: item[key] })}`];
      out.set([...itemElems, '.'].join(SEP), '');
      for (const [k, v] of Object.entries(item)) walk(v, [...itemElems, `f:${k}`], [...names, k], out);
    }
    return;
  }
  out.set(elems.join(SEP), JSON.stringify(value));
}

export function toFieldsV1(paths: Iterable<string>): JsonObject {
  const root: JsonObject = {};
  for (const p of paths) {
    let cur = root;
    for (const el of p.split(SEP)) {
      const next = cur[el];
      if (isObject(next)) cur = next;
      else {
        const fresh: JsonObject = {};
        cur[el] = fresh;
        cur = fresh;
      }
    }
  }
  return root;
}

export function fromFieldsV1(fields: JsonObject): Set<string> {
  const out = new Set<string>();
  const visit = (node: JsonObject, prefix: string[]): void => {
    for (const [k, v] of Object.entries(node)) {
      const path = [...prefix, k];
      if (isObject(v) && Object.keys(v).length > 0) visit(v, path);
      else out.add(path.join(SEP));
    }
  };
  visit(fields, []);
  return out;
}

/** `.spec.template.spec.containers[name="web"].image`, the way apply conflicts name a field. */
export function describePath(path: string): string {
  return path
    .split(SEP)
    .map((el) => {
      if (el.startsWith('f:')) return `.${el.slice(2)}`;
      if (el.startsWith('k:')) {
        const kv = JSON.parse(el.slice(2)) as Record<string, unknown>;
        return `[${Object.entries(kv).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
      }
      return '';
    })
    .join('');
}

export type Ownership = { entry: ManagedFieldsEntry; set: Set<string> };

export function ownerships(obj: KObject | undefined): Ownership[] {
  const raw = obj?.metadata.managedFields ?? [];
  return raw.filter(isEntry).map((entry) => ({ entry, set: fromFieldsV1(entry.fieldsV1) }));
}

function isEntry(v: unknown): v is ManagedFieldsEntry {
  return isObject(v) && typeof (v as ManagedFieldsEntry).manager === 'string' && isObject((v as ManagedFieldsEntry).fieldsV1);
}

export function serialize(owned: Ownership[]): ManagedFieldsEntry[] {
  return owned.filter((o) => o.set.size > 0).map((o) => ({ ...o.entry, fieldsV1: toFieldsV1([...o.set].sort()) }));
}

/**
 * managedFields after a create, update or non-apply patch by `manager`: it takes over every field
 * it changed, other managers lose those, and fields that disappeared leave every set.
 */
export function recordUpdate(before: KObject | undefined, after: KObject, manager: string, time: string, requestApiVersion?: string): ManagedFieldsEntry[] {
  // The manager is recorded with the version the request used (the URL's), as the apiserver does.
  const apiVersion = requestApiVersion ?? after.apiVersion;
  const old = before ? flatten(before) : new Map<string, string>();
  const now = flatten(after);
  const changed = [...now].filter(([p, v]) => old.get(p) !== v).map(([p]) => p);
  const removed = [...old.keys()].filter((p) => !now.has(p));
  const owned = ownerships(before);
  let mine = owned.find((o) => o.entry.manager === manager && o.entry.operation === 'Update' && !o.entry.subresource);
  if (!mine && changed.length === 0) return serialize(owned);
  if (!mine) {
    mine = { entry: { manager, operation: 'Update', apiVersion, fieldsType: 'FieldsV1', fieldsV1: {} }, set: new Set() };
    owned.push(mine);
  }
  for (const o of owned) {
    for (const p of removed) o.set.delete(p);
    if (o !== mine) for (const p of changed) o.set.delete(p);
  }
  for (const p of changed) mine.set.add(p);
  if (changed.length || removed.length) mine.entry = { ...mine.entry, time, apiVersion };
  return serialize(owned);
}
