import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject, WatchEvent } from '../store.ts';
import { ApiError, badRequest } from '../errors.ts';
import { apiVersionOf } from '../resources.ts';
import { parseLabelSelector, parseFieldSelector, matchesLabels, matchesFields } from '../selectors.ts';
import type { ResourceRoute } from './route.ts';
import { present, queryFlag, type ServerContext } from './context.ts';
import { converter, negotiate } from './table.ts';

type Req = { req: IncomingMessage; res: ServerResponse; route: ResourceRoute; query: URLSearchParams; ctx: ServerContext };

// One JSON text per stored object, shared by every watcher of the preferred version: with
// hundreds of watches, serialising each event once instead of once per watcher is most of the cost.
const serialized = new WeakMap<KObject, string>();

function objectJson(obj: KObject, route: ResourceRoute): string {
  if (route.version !== route.type.versions[0]) return JSON.stringify(present(obj, route.type, route.version));
  let s = serialized.get(obj);
  if (s === undefined) {
    s = JSON.stringify(obj);
    serialized.set(obj, s);
  }
  return s;
}

// A watcher that stops reading is cut off rather than buffered without bound, as the apiserver does.
const MAX_BUFFERED = 32 * 1024 * 1024;

export function handleWatch(r: Req): void {
  const { req, res, route, query, ctx } = r;
  const t = route.type;
  const conv = negotiate(req.headers.accept, 'watch');
  const convert = conv && converter(conv, r);
  let headers = true;
  const encode = (obj: KObject): string => {
    if (!convert) return objectJson(obj, route);
    const out = JSON.stringify(convert([obj], { resourceVersion: obj.metadata.resourceVersion }, headers));
    headers = false;
    return out;
  };
  const labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
  const fields = parseFieldSelector(query.get('fieldSelector') ?? undefined);
  const rvParam = query.get('resourceVersion') ?? '';
  if (rvParam && !/^\d+$/.test(rvParam)) throw badRequest(`invalid resource version: ${rvParam}`);
  const resumeFrom = rvParam && rvParam !== '0' ? Number(rvParam) : undefined;
  const sendInitial = resumeFrom === undefined || queryFlag(query, 'sendInitialEvents');
  const bookmarks = queryFlag(query, 'allowWatchBookmarks');
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);
  const dropAfter = ctx.faults.watchDropFor({ verb: 'watch', type: t });
  const trackTransitions = labels.length > 0;
  const matched = new Set<string>();
  const seen = new Set<string>();
  let sent = 0;
  let closed = false;

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  const keyOf = (o: KObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const selected = (o: KObject): boolean =>
    (!route.namespace || o.metadata.namespace === route.namespace) && matchesLabels(labels, o.metadata.labels) && matchesFields(fields, o);

  const write = (line: string): void => {
    if (closed) return;
    res.write(line);
    if (res.writableLength > MAX_BUFFERED) close(true);
  };
  const send = (type: string, obj: KObject): void => {
    write(`{"type":"${type}","object":${encode(obj)}}\n`);
    sent++;
    if (dropAfter !== undefined && sent >= dropAfter) close(false);
  };
  const bookmark = (annotations?: Record<string, string>): void => {
    const metadata: Record<string, unknown> = { resourceVersion: ctx.store.resourceVersion };
    if (annotations) metadata.annotations = annotations;
    // A Table or metadata watcher decodes every event as that kind, bookmarks included.
    const object = convert ? convert([], metadata, false) : { kind: t.kind, apiVersion: apiVersionOf(t, route.version), metadata };
    write(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`);
  };

  const deliver = (ev: WatchEvent): void => {
    if (closed || ev.resource !== t.key) return;
    const obj = ev.object;
    if (!trackTransitions) {
      if (selected(obj)) send(ev.type, obj);
      return;
    }
    // With a label selector an object can move in or out of the selection; watchers see that as
    // ADDED / DELETED, like the apiserver's filtered watch.
    const k = keyOf(obj);
    const was = matched.has(k) || (resumeFrom !== undefined && !seen.has(k) && ev.type === 'MODIFIED');
    seen.add(k);
    const is = ev.type !== 'DELETED' && selected(obj);
    if (is) {
      matched.add(k);
      send(was ? (ev.type === 'ADDED' ? 'ADDED' : 'MODIFIED') : 'ADDED', obj);
    } else {
      matched.delete(k);
      if (was || (ev.type === 'DELETED' && selected(obj))) send('DELETED', obj);
    }
  };

  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = (): void => {};
  function close(destroy: boolean): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const tm of timers) clearTimeout(tm);
    ctx.streams.delete(closeStream);
    if (destroy) res.destroy();
    else res.end();
  }
  const closeStream = (): void => close(false);
  ctx.streams.add(closeStream);
  res.on('close', () => close(false));
  req.on('close', () => close(false));

  if (resumeFrom !== undefined) {
    let replay: readonly WatchEvent[];
    try {
      replay = ctx.store.eventsSince(resumeFrom);
    } catch (e) {
      // A too-old resourceVersion is reported inside the stream, as the apiserver does.
      if (!(e instanceof ApiError)) throw e;
      write(`${JSON.stringify({ type: 'ERROR', object: e.toStatus() })}\n`);
      close(false);
      return;
    }
    if (!sendInitial) for (const ev of replay) deliver(ev);
  }
  if (sendInitial) {
    for (const o of ctx.store.listShared(t.key, { namespace: route.namespace })) if (selected(o)) deliverInitial(o);
  }
  if (closed) return;
  if (bookmarks && queryFlag(query, 'sendInitialEvents')) bookmark({ 'k8s.io/initial-events-end': 'true' });
  unsubscribe = ctx.store.subscribe(deliver);
  if (bookmarks) timers.push(setInterval(() => bookmark(), ctx.bookmarkIntervalMs));
  if (timeoutSeconds > 0) timers.push(setTimeout(() => close(false), timeoutSeconds * 1000));

  function deliverInitial(o: KObject): void {
    const k = keyOf(o);
    matched.add(k);
    seen.add(k);
    send('ADDED', o);
  }
}
