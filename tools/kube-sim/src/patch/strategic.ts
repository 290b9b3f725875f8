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
      out[k] = key ? mergeList(out[k], v, key, [...path, k]) : v.map((x) => (isObject(x) ? stripDirectives(x) : x));
    } else if (isObject(v)) {
      if (v.$patch === 'delete') delete out[k];
      else out[k] = strategicMerge(out[k], v, [...path, k]);
    } else {
      out[k] = v;
    }
  }
  return out;
}

function mergeList(original: Json | undefined, patch: Json[], key: string, path: readonly string[]): Json[] {
  if (patch.some((x) => isObject(x) && x.$patch === 'replace')) {
    return patch.filter((x) => !(isObject(x) && x.$patch === 'replace')).map((x) => (isObject(x) ? stripDirectives(x) : x));
  }
  const out: Json[] = Array.isArray(original) ? [...original] : [];
  for (const item of patch) {
    if (!isObject(item)) {
      if (!out.includes(item)) out.push(item);
      continue;
    }
    const id = item[key];
    const at = out.findIndex((x) => isObject(x) && x[key] === id);
    if (item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) {
      out[at] = strategicMerge(out[at], item, path);
    } else {
      out.push(strategicMerge({}, item, path));
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
