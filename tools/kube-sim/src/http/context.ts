import type { IncomingMessage } from 'node:http';
import type { Store, KObject } from '../store.ts';
import type { Faults } from '../faults.ts';
import { apiVersionOf, type ResourceType } from '../resources.ts';
import { toVersion } from '../convert/index.ts';

/** What request handlers share: the state, the faults and the watch settings. */
export type ServerContext = {
  store: Store;
  faults: Faults;
  bookmarkIntervalMs: number;
  /** Closes every open watch and log stream (on reset and on shutdown). */
  streams: Set<() => void>;
};

/** The object as the requested version names it; storage keeps the preferred version. */
export function present(obj: KObject, t: ResourceType, version: string): KObject {
  const converted = toVersion(t, version, obj);
  if (converted) return converted;
  const apiVersion = apiVersionOf(t, version);
  return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
}

export function fieldManager(req: IncomingMessage, query: URLSearchParams): string {
  const explicit = query.get('fieldManager');
  if (explicit) return explicit;
  // The apiserver derives a manager from the user agent's program name when none is given.
  const ua = req.headers['user-agent'] ?? '';
  return ua.split('/')[0]?.trim() || 'unknown';
}

/**
 * A boolean query parameter as the apiserver decodes it: absent is false; present, anything but
 * "0" or "false" (any case) is true, so the Python client's `watch=True` and a bare `?watch` count.
 */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  if (v === null) return false;
  return v !== '0' && v.toLowerCase() !== 'false';
}

export function isDryRun(query: URLSearchParams): boolean {
  return query.getAll('dryRun').includes('All');
}

export function timestamp(store: Store): string {
  return store.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
