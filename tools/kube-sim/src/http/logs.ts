import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject } from '../store.ts';
import { badRequest, notFound } from '../errors.ts';
import type { ResourceRoute } from './route.ts';
import { queryFlag, type ServerContext } from './context.ts';

type Req = { req: IncomingMessage; res: ServerResponse; route: ResourceRoute; query: URLSearchParams; ctx: ServerContext };

type Container = { name?: string };
type ContainerStatus = { name?: string; state?: { waiting?: { reason?: string } } };

function containerNames(pod: KObject): string[] {
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name ?? '').filter(Boolean);
}

/** Picks the container as the kubelet would, with the apiserver's messages when it cannot. */
function pickContainer(pod: KObject, asked: string | null): string {
  const names = containerNames(pod);
  const name = pod.metadata.name;
  if (!asked) {
    const main = ((pod.spec ?? {}) as { containers?: Container[] }).containers ?? [];
    if (main.length === 1 && main[0]?.name) return main[0].name;
    throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
  }
  if (!names.includes(asked)) throw badRequest(`container ${asked} is not valid for pod ${name}`);
  return asked;
}

export function handleLog({ req, res, route, query, ctx }: Req): void {
  const ns = route.namespace ?? '';
  const name = route.name ?? '';
  const pod = ctx.store.get('pods', ns, name);
  if (!pod) throw notFound('pods', '', name);
  const container = pickContainer(pod, query.get('container'));
  const tailRaw = query.get('tailLines');
  const tailLines = tailRaw === null ? undefined : Number(tailRaw);
  if (tailLines !== undefined && (!Number.isInteger(tailLines) || tailLines < 0)) throw badRequest(`tailLines: Invalid value: "${tailRaw}": must be a non-negative integer`);
  const lines = ctx.store.readLog(ns, name, container, { tailLines });
  if (lines.length === 0) {
    const statuses = ((pod.status ?? {}) as { containerStatuses?: ContainerStatus[] }).containerStatuses ?? [];
    const waiting = statuses.find((s) => s.name === container)?.state?.waiting;
    if (waiting) throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${waiting.reason ?? 'ContainerCreating'}`);
  }
  const text = lines.map((l) => `${l}\n`).join('');
  if (!queryFlag(query, 'follow')) {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  if (text) res.write(text);
  else res.flushHeaders();
  const stopLines = ctx.store.followLog(ns, name, container, (line) => res.write(`${line}\n`));
  // The stream ends when the pod goes away, as a followed log does when its container is removed.
  const stopPod = ctx.store.subscribe((ev) => {
    if (ev.resource === 'pods' && ev.type === 'DELETED' && ev.object.metadata.namespace === ns && ev.object.metadata.name === name) close();
  });
  function close(): void {
    stopLines();
    stopPod();
    ctx.streams.delete(close);
    if (!res.writableEnded) res.end();
  }
  ctx.streams.add(close);
  req.on('close', close);
  res.on('close', close);
}
