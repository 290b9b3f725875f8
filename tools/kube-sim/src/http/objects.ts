import type { KObject } from '../store.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { apiVersionOf } from '../resources.ts';
import type { ResourceRoute } from './route.ts';
import type { ServerContext } from './context.ts';

export function requireObject(body: unknown): KObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the request body must be a JSON object');
  const obj = body as KObject;
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = { name: '' };
  return obj;
}

/** Puts the URL's namespace on the object, refusing a body that names another one. */
export function scopeToRoute(obj: KObject, route: ResourceRoute, ctx: ServerContext): void {
  const t = route.type;
  if (obj.kind && obj.kind !== t.kind) throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(t, route.version)})`);
  if (!t.namespaced) return;
  const ns = route.namespace;
  if (!ns) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (obj.metadata.namespace && obj.metadata.namespace !== ns) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  obj.metadata.namespace = ns;
  if (!ctx.store.get('namespaces', undefined, ns)) throw notFound('namespaces', '', ns);
}
