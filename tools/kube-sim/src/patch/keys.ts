// Patch merge keys of the list fields Drucker's types use, as declared in the Kubernetes API
// types (`patchMergeKey`). Lists not named here are atomic: a patch or apply replaces them whole.

const POD_LISTS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
};

/** The merge key for the list `field` found under `path` (object field names from the root). */
export function mergeKeyFor(path: readonly string[], field: string): string | undefined {
  if (field === 'ports') {
    // Container ports merge on containerPort, Service ports on port.
    return path.includes('containers') || path.includes('initContainers') ? 'containerPort' : path[0] === 'spec' && path.length === 1 ? 'port' : undefined;
  }
  if (field === 'ownerReferences' && path.length === 1 && path[0] === 'metadata') return 'uid';
  if (field === 'conditions') return 'type';
  return POD_LISTS[field];
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
