import { ApiError } from '../errors.ts';
import type { KObject } from '../store.ts';
import { flatten, ownerships, serialize, describePath, type ManagedFieldsEntry, type Ownership } from './fieldset.ts';
import { strategicMerge } from './strategic.ts';
import { isObject, type Json, type JsonObject } from './keys.ts';

// Server-side apply: the applied configuration is the manager's full intent. Fields it applied
// before and no longer does are removed (unless someone else owns them); fields another manager
// owns with a different value are conflicts unless `force` moves them to this manager.

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The fields a `kubectl` apply may take over without a conflict: those in the client-side
 * last-applied-configuration annotation (the apiserver's upgrade path from client-side to
 * server-side apply, for the manager named `kubectl` only).
 */
function upgradableFields(current: KObject | undefined, manager: string): Set<string> {
  const raw = current?.metadata.annotations?.[LAST_APPLIED];
  if (manager !== 'kubectl' || !raw) return new Set();
  try {
    const last = JSON.parse(raw) as Json;
    return isObject(last) ? new Set(flatten(last).keys()) : new Set();
  } catch {
    return new Set();
  }
}

export function serverSideApply(current: KObject | undefined, applied: JsonObject, opts: { manager: string; force: boolean; time: string }): KObject {
  const intent = flatten(applied);
  const owned = ownerships(current);
  const mine = owned.find((o) => o.entry.manager === opts.manager && o.entry.operation === 'Apply' && !o.entry.subresource);
  const others = owned.filter((o) => o !== mine);
  const live = current ? flatten(current) : new Map<string, string>();

  const conflicts: Conflict[] = [];
  for (const o of others) {
    for (const p of o.set) {
      const want = intent.get(p);
      if (want !== undefined && want !== live.get(p)) conflicts.push({ entry: o.entry, path: p });
    }
  }
  if (conflicts.length && !opts.force) {
    // Only when every conflict is in the last-applied configuration does the upgrade force them.
    const upgradable = upgradableFields(current, opts.manager);
    const remaining = conflicts.filter((c) => !upgradable.has(c.path));
    if (remaining.length) throw conflictError(remaining);
  }

  let result: JsonObject = current ? (structuredClone(current) as unknown as JsonObject) : {};
  for (const p of mine?.set ?? []) {
    if (!intent.has(p) && !others.some((o) => o.set.has(p))) removePath(result, p.split('\u0001'));
  }
  const merged = strategicMerge(result, applied);
  result = isObject(merged) ? merged : result;

  for (const c of conflicts) for (const o of others) if (o.entry === c.entry) o.set.delete(c.path);
  const next: Ownership[] = others.slice();
  next.push({
    entry: { manager: opts.manager, operation: 'Apply', apiVersion: typeof applied.apiVersion === 'string' ? applied.apiVersion : '', time: opts.time, fieldsType: 'FieldsV1', fieldsV1: {} },
    set: new Set(intent.keys()),
  });
  const obj = result as unknown as KObject;
  obj.metadata.managedFields = serialize(next);
  return obj;
}

type Conflict = { entry: ManagedFieldsEntry; path: string };

/** How the apiserver names a manager in conflicts: Update managers with the apiVersion they used. */
function managerName(e: ManagedFieldsEntry): string {
  let name = JSON.stringify(e.manager);
  if (e.subresource) name += ` with subresource ${JSON.stringify(e.subresource)}`;
  return e.operation === 'Update' ? `${name} using ${e.apiVersion}` : name;
}

/** The apiserver's manager identifier (its JSON encoding), which orders the message's blocks. */
function managerId(e: ManagedFieldsEntry): string {
  return JSON.stringify({ manager: e.manager, operation: e.operation, ...(e.operation === 'Update' ? { apiVersion: e.apiVersion } : {}), ...(e.subresource ? { subresource: e.subresource } : {}) });
}

function conflictError(conflicts: Conflict[]): ApiError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${managerName(c.entry)}`, field: describePath(c.path) }));
  const first = conflicts[0];
  if (conflicts.length === 1 && first) {
    return new ApiError(409, 'Conflict', `Apply failed with 1 conflict: conflict with ${managerName(first.entry)}: ${describePath(first.path)}`, { causes });
  }
  const byManager = new Map<string, { entry: ManagedFieldsEntry; paths: string[] }>();
  for (const c of conflicts) {
    const id = managerId(c.entry);
    const group = byManager.get(id) ?? { entry: c.entry, paths: [] };
    group.paths.push(describePath(c.path));
    byManager.set(id, group);
  }
  const lines: string[] = [];
  for (const id of [...byManager.keys()].sort()) {
    const group = byManager.get(id);
    if (!group) continue;
    lines.push(`conflicts with ${managerName(group.entry)}:`, ...group.paths.sort().map((p) => `- ${p}`));
  }
  return new ApiError(409, 'Conflict', `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`, { causes });
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
