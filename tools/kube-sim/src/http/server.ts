import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.ts';
import type { RequestTarget } from '../faults.ts';
import { VERSION_INFO, apiVersions, apiGroupList, apiGroup, apiResourceList } from '../discovery.ts';
import { openApiIndex, openApiGroupVersion } from '../openapi.ts';
import { parseRoute, type Route } from './route.ts';
import { sendJson, sendError } from './respond.ts';
import { handleResource } from './resources.ts';
import { handleAdmin, type AdminRoutes } from './admin.ts';
import { queryFlag, type ServerContext } from './context.ts';

export type HandlerOptions = { token: string; serverAddress: () => string; adminRoutes: AdminRoutes };

const NOT_FOUND = new ApiError(404, 'NotFound', 'the server could not find the requested resource');

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header);
  const want = Buffer.from(`Bearer ${token}`);
  return given.length === want.length && timingSafeEqual(given, want);
}

function verbOf(method: string, route: Route, query: URLSearchParams): string {
  const named = route.kind === 'resource' && route.name !== undefined;
  switch (method) {
    case 'GET': return named ? 'get' : (route.kind === 'resource' && route.watchPath) || queryFlag(query, 'watch') ? 'watch' : 'list';
    case 'POST': return 'create';
    case 'PUT': return 'update';
    case 'PATCH': return 'patch';
    case 'DELETE': return named ? 'delete' : 'deletecollection';
    default: return method.toLowerCase();
  }
}

function discovery(path: string[], opts: HandlerOptions): object | undefined {
  const [root, a, b] = path;
  if (root === 'version') return VERSION_INFO;
  if (root === 'api') return a === undefined ? apiVersions(opts.serverAddress()) : apiResourceList('', a);
  if (root === 'apis') {
    if (a === undefined) return apiGroupList();
    return b === undefined ? apiGroup(a) : apiResourceList(a, b);
  }
  return undefined;
}

/** The whole request pipeline: auth, then faults, then discovery, admin or resource handling. */
export function createHandler(ctx: ServerContext, opts: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://kube-sim');
    if (!authorized(req, opts.token)) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    const route = parseRoute(url.pathname);
    if (route.kind === 'admin') return handleAdmin(req, res, url.pathname, ctx, opts.adminRoutes);
    if (route.kind === 'health') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    const target: RequestTarget = { verb: verbOf(req.method ?? 'GET', route, url.searchParams) };
    if (route.kind === 'resource') Object.assign(target, { type: route.type, subresource: route.subresource });
    if (ctx.faults.shouldReset(target)) {
      req.socket.destroy();
      return;
    }
    const delay = ctx.faults.latencyFor(target);
    if (delay > 0) await sleep(delay);
    const injected = ctx.faults.errorFor(target);
    if (injected) throw injected;
    if (route.kind === 'discovery') {
      const doc = discovery(route.path, opts);
      if (!doc) throw NOT_FOUND;
      sendJson(res, 200, doc);
      return;
    }
    if (route.kind === 'openapi') {
      const doc = route.path ? openApiGroupVersion(route.path) : openApiIndex();
      if (!doc) throw NOT_FOUND;
      sendJson(res, 200, doc);
      return;
    }
    if (route.kind === 'resource') return handleResource({ req, res, route, query: url.searchParams, ctx });
    throw NOT_FOUND;
  };
  return (req, res) => {
    serve(req, res).catch((err: unknown) => {
      // Drain whatever body is left so keep-alive connections stay usable after an error.
      req.resume();
      sendError(res, err);
    });
  };
}
