import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest } from '../errors.ts';
import type { AccessRule, Fault } from '../faults.ts';
import { sendJson, readBody, parseBody } from './respond.ts';
import type { ServerContext } from './context.ts';

export type AdminRoutes = Record<string, (body: unknown) => unknown>;

const FAULT_KINDS: Record<string, Fault['type']> = { errors: 'error', latency: 'latency', 'watch-drops': 'watchDrop', resets: 'reset' };

/**
 * /_sim/: fault injection, access-review rules and reset, plus the controllers' routes (clock,
 * image faults, pod timing) passed in as `extra`, keyed `'METHOD /_sim/path'`.
 */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, ctx: ServerContext, extra: AdminRoutes): Promise<void> {
  const method = req.method ?? 'GET';
  const buf = await readBody(req);
  // Always JSON: `curl -d` labels its body form-encoded, and /_sim/ is not the Kubernetes API.
  const body: unknown = buf.length ? parseBody(buf, 'application/json') : {};
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  const faults = ctx.faults;

  if (route === 'POST /_sim/reset') {
    for (const close of [...ctx.streams]) close();
    faults.clear();
    ctx.store.reset();
    await extra['POST /_sim/reset']?.(body);
    sendJson(res, 200, { reset: true, resourceVersion: ctx.store.resourceVersion });
    return;
  }
  if (route === 'GET /_sim/faults') {
    sendJson(res, 200, { faults: faults.list(), access: { deny: faults.denyRules } });
    return;
  }
  if (route === 'DELETE /_sim/faults') {
    faults.clear();
    sendJson(res, 200, { faults: [] });
    return;
  }
  const m = /^(POST|DELETE) \/_sim\/faults\/([^/]+)$/.exec(route);
  if (m) {
    const kind = FAULT_KINDS[m[2] ?? ''];
    if (m[1] === 'POST' && kind) {
      sendJson(res, 201, faults.add(kind, body));
      return;
    }
    if (m[1] === 'DELETE') {
      if (!faults.remove(m[2] ?? '')) throw new ApiError(404, 'NotFound', `fault "${m[2] ?? ''}" not found`);
      sendJson(res, 200, { deleted: m[2] });
      return;
    }
  }
  if (route === 'POST /_sim/access') {
    faults.denyRules = parseDeny(body);
    sendJson(res, 200, { deny: faults.denyRules });
    return;
  }
  if (route === 'DELETE /_sim/access') {
    faults.denyRules = [];
    sendJson(res, 200, { deny: [] });
    return;
  }
  if (route === 'GET /_sim/state') {
    sendJson(res, 200, { resourceVersion: ctx.store.resourceVersion, openStreams: ctx.streams.size });
    return;
  }
  const handler = extra[route];
  if (!handler) throw new ApiError(404, 'NotFound', `no admin route ${route}; see tools/kube-sim/README.md`);
  try {
    sendJson(res, 200, (await handler(body)) ?? {});
  } catch (e) {
    // Controllers' routes throw plain errors for bad input; report them as 400s.
    if (e instanceof ApiError) throw e;
    throw badRequest(e instanceof Error ? e.message : String(e));
  }
}

function parseDeny(body: unknown): AccessRule[] {
  const deny = (body as { deny?: unknown }).deny;
  if (!Array.isArray(deny)) throw badRequest('expected {"deny": [{"verb": "...", "resource": "...", "group": "...", "namespace": "..."}]}');
  return deny.map((r: unknown) => {
    if (typeof r !== 'object' || r === null) throw badRequest('each deny rule must be an object');
    const out: AccessRule = {};
    for (const k of ['verb', 'resource', 'group', 'namespace'] as const) {
      const v = (r as Record<string, unknown>)[k];
      if (v !== undefined && typeof v !== 'string') throw badRequest(`deny rule ${k} must be a string`);
      if (typeof v === 'string') out[k] = v;
    }
    return out;
  });
}
