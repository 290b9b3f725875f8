import { ApiError } from '../errors.ts';
import type { KObject } from '../store.ts';
import { flatten, ownerships, serialize, describePath, type Ownership } from './fieldset.ts';
import { strategicMerge } from './strategic.ts';
import { isObject, type Json, type JsonObject } from './keys.ts';

// Server-side apply: the applied configuration is the manager's full intent. Fields it applied
// before and no longer does are removed (unless someone else owns them); fields another manager
// owns with a different value are conflicts unless `force` moves them to this manager.

export function serverSideApply(current: KObject | undefined, applied: JsonObject, opts: { manager: string; force: boolean; time: string }): KObject {
  const intent = flatten(applied);
  const owned = ownerships(current);
  const mine = owned.find((o) => o.entry.manager === opts.manager && o.entry.operation === 'Apply' && !o.entry.subresource);
  const others = owned.filter((o) => o !== mine);
  const live = current ? flatten(current) : new Map<string, string>();

  const conflicts: { manager: string; apiVersion: string; path: string }[] = [];
  for (const o of others) {
    for (const p of o.set) {
      const want = intent.get(p);
      if (want !== undefined && want !== live.get(p)) conflicts.push({ manager: o.entry.manager, apiVersion: o.entry.apiVersion, path: p });
    }
  }
  if (conflicts.length && !opts.force) throw conflictError(conflicts);

  let result: JsonObject = current ? (structuredClone(current) as unknown as JsonObject) : {};
  for (const p of mine?.set ?? []) {
    if (!intent.has(p) && !others.some((o) => o.set.has(p))) removePath(result, p.split('\u0001'));
  }
  const merged = strategicMerge(result, applied);
  result = isObject(merged) ? merged : result;

  for (const c of conflicts) for (const o of others) if (o.entry.manager === c.manager) o.set.delete(c.path);
  const next: Ownership[] = others.slice();
  next.push({
    entry: { manager: opts.manager, operation: 'Apply', apiVersion: typeof applied.apiVersion === 'string' ? applied.apiVersion : '', time: opts.time, fieldsType: 'FieldsV1', fieldsV1: {} },
    set: new Set(intent.keys()),
  });
  const obj = result as unknown as KObject;
  obj.metadata.managedFields = serialize(next);
  return obj;
}

function conflictError(conflicts: { manager: string; apiVersion: string; path: string }[]): ApiError {
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const k = `"${c.manager}" using ${c.apiVersion}`;
    byManager.set(k, [...(byManager.get(k) ?? []), describePath(c.path)]);
  }
  const n = conflicts.length;
  const parts = [...byManager].map(([who, fields]) => (fields.length === 1 ? `conflict with ${who}: ${fields[0]}` : `conflicts with ${who}:\n- ${fields.join('\n- ')}`));
  const message = `Apply failed with ${n} conflict${n === 1 ? '' : 's'}: ${parts.join('\n')}`;
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with "${c.manager}" using ${c.apiVersion}`, field: describePath(c.path) }));
  return new ApiError(409, 'Conflict', message, { causes });
}

function removePath(root: JsonObject, elems: string[]): void {
  // Each step remembers its container, so containers the removal empties can be pruned upwards.
  const trail: { container: JsonObject | Json[]; at: string | number }[] = [];
  let cur: Json = root;
  for (let i = 0; i < elems.length; i++) {
    const el = elems[i] ?? '';
    if (el === '.') break;
    if (el.startsWith('f:') && isObject(cur)) {
      trail.push({ container: cur, at: el.slice(2) });
      cur = cur[el.slice(2)] ?? null;
    } else if (el.startsWith('k:') && Array.isArray(cur)) {
      const want = JSON.parse(el.slice(2)) as JsonObject;
      const at = cur.findIndex((x) => isObject(x) && Object.entries(want).every(([k, v]) => x[k] === v));
      if (at < 0) return;
      trail.push({ container: cur, at });
      cur = cur[at] ?? null;
    } else return;
  }
  let step = trail.pop();
  if (!step) return;
  remove(step);
  while ((step = trail.pop())) {
    const child: Json | undefined = Array.isArray(step.container) ? step.container[step.at as number] : step.container[step.at as string];
    const empty = Array.isArray(child) ? child.length === 0 : isObject(child) && Object.keys(child).length === 0;
    if (!empty) return;
    remove(step);
  }
}

function remove(step: { container: JsonObject | Json[]; at: string | number }): void {
  if (Array.isArray(step.container)) step.container.splice(step.at as number, 1);
  else delete step.container[step.at as string];
}
