import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject } from '../store.ts';
import { badRequest, methodNotAllowed, notFound } from '../errors.ts';
import { isObject, type Json } from '../patch/keys.ts';
import { sendJson, readBody, parseBody } from './respond.ts';
import type { ResourceRoute } from './route.ts';
import { fieldManager, isDryRun, timestamp, type ServerContext } from './context.ts';
import { applyPatch, patchKind } from './patch.ts';
import { recordUpdate } from '../patch/fieldset.ts';
import { apiVersionOf } from '../resources.ts';

type Req = { req: IncomingMessage; res: ServerResponse; route: ResourceRoute; query: URLSearchParams; ctx: ServerContext };

type Spec = { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
type Status = { replicas?: number };

/** The autoscaling/v1 Scale view of a Deployment or ReplicaSet. */
function toScale(obj: KObject): KObject {
  const spec = (obj.spec ?? {}) as Spec;
  const status = (obj.status ?? {}) as Status;
  const selector = Object.entries(spec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, selector },
  };
}

export async function handleScale({ req, res, route, query, ctx }: Req): Promise<void> {
  const t = route.type;
  const name = route.name ?? '';
  const current = ctx.store.get(t.key, route.namespace, name);
  if (!current) throw notFound(t.plural, t.group, name);
  const method = req.method ?? 'GET';
  if (method === 'GET') {
    sendJson(res, 200, toScale(current));
    return;
  }
  let scale: KObject;
  if (method === 'PUT') {
    scale = parseBody(await readBody(req), req.headers['content-type']) as KObject;
  } else if (method === 'PATCH') {
    const kind = patchKind(req.headers['content-type']);
    const body = parseBody(await readBody(req), kind === 'apply' ? 'yaml' : 'json');
    scale = applyPatch(kind === 'apply' ? 'merge' : kind, toScale(current) as unknown as Json, body) as unknown as KObject;
  } else throw methodNotAllowed();
  if (!isObject(scale)) throw badRequest('expected a Scale object');
  const replicas = (scale.spec as Spec | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(`Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`);
  }
  const next = structuredClone(current);
  next.spec = { ...((current.spec ?? {})), replicas };
  // A Scale carrying a resourceVersion is a precondition on the parent object, as in the apiserver.
  next.metadata.resourceVersion = scale.metadata?.resourceVersion ?? current.metadata.resourceVersion;
  next.metadata.managedFields = recordUpdate(current, next, fieldManager(req, query), timestamp(ctx.store), apiVersionOf(route.type, route.version));
  const updated = ctx.store.update(t.key, next, { dryRun: isDryRun(query) });
  sendJson(res, 200, toScale(updated));
}
