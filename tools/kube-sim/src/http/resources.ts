import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject, PropagationPolicy } from '../store.ts';
import { ApiError, badRequest, conflict, gone, methodNotAllowed, notFound } from '../errors.ts';
import { apiVersionOf } from '../resources.ts';
import { recordUpdate } from '../patch/fieldset.ts';
import { foldStringData } from '../defaults.ts';
import { sendJson, readBody, parseBody } from './respond.ts';
import type { ResourceRoute } from './route.ts';
import { fieldManager, isDryRun, queryFlag, present, timestamp, type ServerContext } from './context.ts';
import { handlePatch } from './patch.ts';
import { handleWatch } from './watch.ts';
import { handleLog } from './logs.ts';
import { handleScale } from './scale.ts';
import { handleAccessReview } from './access-review.ts';
import { requireObject, scopeToRoute } from './objects.ts';
import { fromVersion } from '../convert/index.ts';
import { converter, convertObject, negotiate } from './table.ts';

type Req = { req: IncomingMessage; res: ServerResponse; route: ResourceRoute; query: URLSearchParams; ctx: ServerContext };

export async function handleResource(r: Req): Promise<void> {
  const { req, route } = r;
  const method = req.method ?? 'GET';
  if (route.type.virtual) return handleAccessReview(r);
  if (route.subresource === 'log' && route.type.key === 'pods' && method === 'GET') return handleLog(r);
  if (route.subresource === 'scale' && route.type.subresources.includes('scale')) return handleScale(r);
  if (route.subresource && route.subresource !== 'status') throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (route.subresource === 'status' && !route.type.subresources.includes('status')) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  if (route.type.namespaced && !route.namespace && route.name) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  switch (method) {
    case 'GET':
      if (route.name) return get(r);
      return r.route.watchPath || queryFlag(r.query, 'watch') ? handleWatch(r) : list(r);
    case 'POST':
      if (route.name) throw methodNotAllowed();
      return create(r);
    case 'PUT':
      return update(r);
    case 'PATCH':
      return handlePatch(r);
    case 'DELETE':
      return route.name ? remove(r) : removeCollection(r);
    default:
      throw methodNotAllowed();
  }
}

function get(r: Req): void {
  const { req, res, route, ctx } = r;
  const t = route.type;
  const conv = negotiate(req.headers.accept, 'object');
  const obj = ctx.store.get(t.key, route.namespace, route.name ?? '');
  if (!obj) throw notFound(t.plural, t.group, route.name ?? '');
  sendJson(res, 200, conv ? convertObject(conv, obj, r) : present(obj, t, route.version));
}

type ContinueToken = { rv: number; start: string };

function list(r: Req): void {
  const { req, res, route, query, ctx } = r;
  const t = route.type;
  const conv = negotiate(req.headers.accept, 'list');
  const items = ctx.store.listShared(t.key, { namespace: route.namespace, labelSelector: query.get('labelSelector') ?? undefined, fieldSelector: query.get('fieldSelector') ?? undefined });
  const limit = Number(query.get('limit') ?? 0);
  const token = query.get('continue');
  let start = 0;
  let listRv = ctx.store.resourceVersion;
  if (token) {
    const parsed = decodeContinue(token);
    if (parsed.rv >= 0 && parsed.rv < ctx.store.oldestResumableVersion) {
      // As the apiserver does: a fresh token (resourceVersion -1: "at the latest version") lets the
      // client list the rest, inconsistently, instead of starting over.
      const expired = gone(
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      );
      expired.listMeta = { continue: encodeContinue({ rv: -1, start: parsed.start }) };
      throw expired;
    }
    if (parsed.rv >= 0) listRv = String(parsed.rv);
    start = items.findIndex((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}` > parsed.start);
    if (start < 0) start = items.length;
  }
  const end = limit > 0 ? Math.min(items.length, start + limit) : items.length;
  const page = items.slice(start, end);
  const metadata: Record<string, unknown> = { resourceVersion: listRv };
  const last = page[page.length - 1];
  if (end < items.length && last) {
    metadata.continue = encodeContinue({ rv: Number(listRv), start: `${last.metadata.namespace ?? ''}/${last.metadata.name}` });
    metadata.remainingItemCount = items.length - end;
  }
  if (conv) sendJson(res, 200, converter(conv, r)(page, metadata));
  else sendJson(res, 200, { kind: `${t.kind}List`, apiVersion: apiVersionOf(t, route.version), metadata, items: page.map((o) => present(o, t, route.version)) });
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof v.rv === 'number' && typeof v.start === 'string') return v;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('continue key is not valid');
}

async function create({ req, res, route, query, ctx }: Req): Promise<void> {
  const obj = fromVersion(route.type, route.version, requireObject(parseBody(await readBody(req), req.headers['content-type'])));
  scopeToRoute(obj, route, ctx);
  if (!obj.metadata.name && !obj.metadata.generateName) {
    throw new ApiError(422, 'Invalid', `${route.type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, { kind: route.type.kind, group: route.type.group, causes: [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }] });
  }
  if (route.type.key === 'secrets') foldStringData(obj);
  obj.metadata.managedFields = recordUpdate(undefined, obj, fieldManager(req, query), timestamp(ctx.store), apiVersionOf(route.type, route.version));
  const created = ctx.store.create(route.type.key, obj, { dryRun: isDryRun(query) });
  sendJson(res, 201, present(created, route.type, route.version));
}

async function update({ req, res, route, query, ctx }: Req): Promise<void> {
  const t = route.type;
  const obj = fromVersion(route.type, route.version, requireObject(parseBody(await readBody(req), req.headers['content-type'])));
  if (obj.metadata.name && obj.metadata.name !== route.name) throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${route.name ?? ''})`);
  obj.metadata.name = route.name ?? '';
  scopeToRoute(obj, route, ctx);
  const current = ctx.store.get(t.key, route.namespace, obj.metadata.name);
  if (!current) throw notFound(t.plural, t.group, obj.metadata.name);
  const dryRun = isDryRun(query);
  if (route.subresource === 'status') {
    sendJson(res, 200, present(ctx.store.update(t.key, obj, { subresource: 'status', dryRun }), t, route.version));
    return;
  }
  if (t.key === 'secrets') foldStringData(obj);
  obj.metadata.managedFields = recordUpdate(current, obj, fieldManager(req, query), timestamp(ctx.store), apiVersionOf(route.type, route.version));
  sendJson(res, 200, present(ctx.store.update(t.key, obj, { dryRun }), t, route.version));
}

type DeleteOptions = { propagationPolicy?: PropagationPolicy; orphanDependents?: boolean; preconditions?: { uid?: string; resourceVersion?: string }; dryRun?: string[] };

async function deleteOptions(req: IncomingMessage, query: URLSearchParams): Promise<DeleteOptions> {
  const buf = await readBody(req);
  const body = buf.length ? (parseBody(buf, req.headers['content-type']) as DeleteOptions) : {};
  const policy = query.get('propagationPolicy') ?? body.propagationPolicy ?? (body.orphanDependents || queryFlag(query, 'orphanDependents') ? 'Orphan' : undefined);
  if (policy !== undefined && !['Foreground', 'Background', 'Orphan'].includes(policy)) throw badRequest(`propagationPolicy: Unsupported value: "${policy}"`);
  return { ...body, propagationPolicy: policy as PropagationPolicy | undefined };
}

async function remove({ req, res, route, query, ctx }: Req): Promise<void> {
  const t = route.type;
  const name = route.name ?? '';
  const opts = await deleteOptions(req, query);
  const current = ctx.store.get(t.key, route.namespace, name);
  if (!current) throw notFound(t.plural, t.group, name);
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== current.metadata.uid) throw conflict(t.plural, t.group, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid ?? ''}`);
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) throw conflict(t.plural, t.group, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ''}`);
  const dryRun = isDryRun(query) || (opts.dryRun ?? []).includes('All');
  const deleted = ctx.store.delete(t.key, route.namespace, name, { propagationPolicy: opts.propagationPolicy, dryRun });
  const pending = !dryRun && ctx.store.get(t.key, route.namespace, name);
  if (pending) {
    sendJson(res, 202, present(pending, t, route.version));
  } else if (t.key === 'pods' && deleted) {
    sendJson(res, 200, present(deleted, t, route.version));
  } else {
    sendJson(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, ...(t.group ? { group: t.group } : {}), kind: t.plural, uid: current.metadata.uid } });
  }
}

async function removeCollection({ req, res, route, query, ctx }: Req): Promise<void> {
  const t = route.type;
  const opts = await deleteOptions(req, query);
  const dryRun = isDryRun(query);
  const victims = ctx.store.list(t.key, { namespace: route.namespace, labelSelector: query.get('labelSelector') ?? undefined, fieldSelector: query.get('fieldSelector') ?? undefined });
  const items: KObject[] = [];
  for (const v of victims) {
    const d = ctx.store.delete(t.key, v.metadata.namespace, v.metadata.name, { propagationPolicy: opts.propagationPolicy, dryRun });
    if (d) items.push(present(d, t, route.version));
  }
  sendJson(res, 200, { kind: `${t.kind}List`, apiVersion: apiVersionOf(t, route.version), metadata: { resourceVersion: ctx.store.resourceVersion }, items });
}
