import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject } from '../store.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { apiVersionOf } from '../resources.ts';
import { jsonMergePatch } from '../patch/merge.ts';
import { applyJsonPatch } from '../patch/jsonpatch.ts';
import { strategicMerge } from '../patch/strategic.ts';
import { serverSideApply } from '../patch/apply.ts';
import { recordUpdate } from '../patch/fieldset.ts';
import { foldStringData } from '../defaults.ts';
import { isObject, type Json, type JsonObject } from '../patch/keys.ts';
import { sendJson, readBody, parseBody } from './respond.ts';
import type { ResourceRoute } from './route.ts';
import { fieldManager, isDryRun, queryFlag, present, timestamp, type ServerContext } from './context.ts';
import { requireObject, scopeToRoute } from './objects.ts';
import { fromVersion } from '../convert/index.ts';

type Req = { req: IncomingMessage; res: ServerResponse; route: ResourceRoute; query: URLSearchParams; ctx: ServerContext };

export type PatchKind = 'json' | 'merge' | 'strategic' | 'apply';

export function patchKind(contentType: string | undefined): PatchKind {
  const ct = (contentType ?? '').split(';')[0]?.trim();
  switch (ct) {
    case 'application/json-patch+json': return 'json';
    case 'application/merge-patch+json': return 'merge';
    case 'application/strategic-merge-patch+json': return 'strategic';
    case 'application/apply-patch+yaml': return 'apply';
    default: throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
  }
}

/** Applies a non-apply patch of any kind to a plain JSON document. */
export function applyPatch(kind: Exclude<PatchKind, 'apply'>, doc: Json, patch: unknown): Json {
  if (kind === 'json') return applyJsonPatch(doc, patch);
  if (!isObject(patch)) throw badRequest('a merge patch must be a JSON object');
  return kind === 'merge' ? jsonMergePatch(doc, patch) : strategicMerge(doc, patch);
}

export async function handlePatch({ req, res, route, query, ctx }: Req): Promise<void> {
  const t = route.type;
  const name = route.name;
  if (!name) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const kind = patchKind(req.headers['content-type']);
  const body = parseBody(await readBody(req), kind === 'apply' ? 'yaml' : 'json');
  const dryRun = isDryRun(query);
  const manager = fieldManager(req, query);
  const current = ctx.store.get(t.key, route.namespace, name);

  if (kind === 'apply') {
    if (!query.get('fieldManager')) {
      throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', { kind: 'PatchOptions', group: 'meta.k8s.io', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] });
    }
    const applied = fromVersion(t, route.version, requireObject(body));
    if (applied.metadata.name && applied.metadata.name !== name) throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
    applied.metadata.name = name;
    scopeToRoute(applied, route, ctx);
    applied.apiVersion ||= apiVersionOf(t);
    applied.kind ||= t.kind;
    if (route.subresource === 'status') {
      if (!current) throw notFound(t.plural, t.group, name);
      const next = strategicMerge(current as unknown as JsonObject, { status: (applied.status ?? {}) as Json }) as unknown as KObject;
      sendJson(res, 200, present(ctx.store.update(t.key, next, { subresource: 'status', dryRun }), t, route.version));
      return;
    }
    const force = queryFlag(query, 'force');
    const result = serverSideApply(current, applied as unknown as JsonObject, { manager, force, time: timestamp(ctx.store) });
    if (!current) {
      sendJson(res, 201, present(ctx.store.create(t.key, result, { dryRun }), t, route.version));
      return;
    }
    result.metadata.resourceVersion = current.metadata.resourceVersion;
    sendJson(res, 200, present(ctx.store.update(t.key, result, { dryRun }), t, route.version));
    return;
  }

  if (!current) throw notFound(t.plural, t.group, name);
  // Patches apply to the object as the request's version shows it.
  const patched = applyPatch(kind, present(current, t, route.version) as unknown as Json, body);
  if (!isObject(patched)) throw badRequest('the patch did not produce an object');
  const next = fromVersion(t, route.version, patched as unknown as KObject);
  if (!isObject(next.metadata)) throw badRequest('metadata must be an object');
  if (next.metadata.name !== name) throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
  next.metadata.namespace = current.metadata.namespace;
  if (route.subresource === 'status') {
    sendJson(res, 200, present(ctx.store.update(t.key, next, { subresource: 'status', dryRun }), t, route.version));
    return;
  }
  if (t.key === 'secrets') foldStringData(next);
  next.metadata.managedFields = recordUpdate(current, next, manager, timestamp(ctx.store), apiVersionOf(route.type, route.version));
  sendJson(res, 200, present(ctx.store.update(t.key, next, { dryRun }), t, route.version));
}
