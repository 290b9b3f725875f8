import { findResource, RESOURCES, type ResourceType } from '../resources.ts';

export type ResourceRoute = {
  kind: 'resource';
  type: ResourceType;
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** Legacy `/watch/` path prefix. */
  watchPath: boolean;
};

export type Route =
  | ResourceRoute
  | { kind: 'discovery'; path: string[] }
  | { kind: 'admin'; path: string }
  | { kind: 'health' }
  | { kind: 'openapi'; path: string }
  | { kind: 'unknown' };

/**
 * Maps a URL path onto a resource: `/api/v1/...` for the core group, `/apis/<group>/<version>/...`
 * otherwise, with `namespaces/<ns>/` before namespaced resources.
 */
export function parseRoute(pathname: string): Route {
  if (pathname.startsWith('/_sim/') || pathname === '/_sim') return { kind: 'admin', path: pathname };
  if (['/healthz', '/livez', '/readyz'].includes(pathname)) return { kind: 'health' };
  if (pathname === '/openapi/v3' || pathname.startsWith('/openapi/v3/')) return { kind: 'openapi', path: pathname.slice('/openapi/v3'.length).replace(/^\//, '') };
  const parts = pathname.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  if (parts[0] === 'version' && parts.length === 1) return { kind: 'discovery', path: parts };
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (parts[0] === 'api') {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    group = parts[1] ?? '';
    version = parts[2];
    rest = parts.slice(3);
  } else return { kind: 'unknown' };
  if (!version || rest.length === 0) return { kind: 'discovery', path: parts };
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const inner = findResource(group, version, rest[2] ?? '');
    if (inner?.namespaced) {
      return { kind: 'resource', type: inner, version, namespace: rest[1], name: rest[3], subresource: rest[4], watchPath };
    }
  }
  const type = findResource(group, version, rest[0] ?? '');
  if (!type || rest.length > 3) return { kind: 'unknown' };
  return { kind: 'resource', type, version, name: rest[1], subresource: rest[2], watchPath };
}

export function knownGroupVersion(group: string, version: string): boolean {
  return RESOURCES.some((t) => t.group === group && t.versions.includes(version));
}
