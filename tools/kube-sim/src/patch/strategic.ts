import { isObject, mergeKeyFor, type Json, type JsonObject } from './keys.ts';

// Strategic merge patch (what kubectl apply/edit/patch send by default): like a JSON merge patch,
// except that lists with a patch merge key merge item by item, and the `$patch` directives
// (`replace`, `delete`) and `$deleteFromPrimitiveList/<field>` adjust that.

export function strategicMerge(original: Json | undefined, patch: Json, path: readonly string[] = []): Json {
  if (!isObject(patch)) return patch;
  if (patch.$patch === 'replace') return stripDirectives(patch);
  const out: JsonObject = isObject(original) ? { ...original } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(v)) out[field] = cur.filter((x) => !v.includes(x));
      continue;
    }
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
    } else if (Array.isArray(v)) {
      const key = mergeKeyFor(path, k);
      const order = patch[`$setElementOrder/${k}`];
      out[k] = key ? mergeList(out[k], v, key, [...path, k], Array.isArray(order) ? order : undefined) : v.map((x) => (isObject(x) ? stripDirectives(x) : x));
    } else if (isObject(v)) {
      if (v.$patch === 'delete') delete out[k];
      else out[k] = strategicMerge(out[k], v, [...path, k]);
    } else {
      out[k] = v;
    }
  }
  // A $setElementOrder for a list the patch leaves alone still reorders the server's items.
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith('$setElementOrder/') || !Array.isArray(order)) continue;
    const field = k.slice('$setElementOrder/'.length);
    const key = mergeKeyFor(path, field);
    const cur = out[field];
    if (key && Array.isArray(cur) && !(field in patch)) out[field] = orderItems(cur, order, key, cur);
  }
  return out;
}

function mergeList(original: Json | undefined, patch: Json[], key: string, path: readonly string[], setOrder?: Json[]): Json[] {
  if (patch.some((x) => isObject(x) && x.$patch === 'replace')) {
    return patch.filter((x) => !(isObject(x) && x.$patch === 'replace')).map((x) => (isObject(x) ? stripDirectives(x) : x));
  }
  const before: Json[] = Array.isArray(original) ? [...original] : [];
  const out = [...before];
  const items: Json[] = [];
  for (const item of patch) {
    if (!isObject(item)) {
      if (!out.includes(item)) out.push(item);
      continue;
    }
    const id = item[key];
    const at = out.findIndex((x) => isObject(x) && x[key] === id);
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    items.push(item);
    if (at >= 0) out[at] = strategicMerge(out[at], item, path);
    else out.push(strategicMerge({}, item, path));
  }
  return orderItems(out, setOrder ?? items, key, before);
}

/**
 * The apiserver's element order after a merge: the items the patch names (or its
 * $setElementOrder lists) in that order, interleaved with the server-only items in their order,
 * a server-only item going first only when both it and the next patch item were already on the
 * server, in that order. So an item only in the patch goes before the server's items: env [B]
 * patched onto [A] gives [B, A].
 */
function orderItems(merged: Json[], order: Json[], key: string, serverOrder: Json[]): Json[] {
  const idOf = (x: Json): Json => (isObject(x) ? (x[key] ?? null) : x);
  const orderIds = order.map(idOf);
  const serverIds = serverOrder.map(idOf);
  const named: Json[] = [];
  const serverOnly: Json[] = [];
  for (const x of merged) (orderIds.includes(idOf(x)) ? named : serverOnly).push(x);
  named.sort((a, b) => orderIds.indexOf(idOf(a)) - orderIds.indexOf(idOf(b)));
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < named.length) {
    const left = serverOnly[i];
    const right = named[j];
    if (right === undefined) {
      out.push(left ?? null);
      i++;
      continue;
    }
    if (left === undefined) {
      out.push(right);
      j++;
      continue;
    }
    const li = serverIds.indexOf(idOf(left));
    const ri = serverIds.indexOf(idOf(right));
    if (li >= 0 && ri >= 0 && li < ri) {
      out.push(left);
      i++;
    } else {
      out.push(right);
      j++;
    }
  }
  return out;
}

function stripDirectives(obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('$')) continue;
    out[k] = isObject(v) ? stripDirectives(v) : v;
  }
  return out;
}
