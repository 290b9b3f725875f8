import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodNotAllowed } from '../errors.ts';
import { sendJson, readBody, parseBody } from './respond.ts';
import type { ResourceRoute } from './route.ts';
import type { ServerContext } from './context.ts';
import { requireObject } from './objects.ts';

type Req = { req: IncomingMessage; res: ServerResponse; route: ResourceRoute; query: URLSearchParams; ctx: ServerContext };
type Attrs = { verb?: string; resource?: string; group?: string; namespace?: string; name?: string; subresource?: string };

/** SelfSubjectAccessReview: allowed unless a deny rule set through /_sim/access matches. */
export async function handleAccessReview({ req, res, ctx }: Req): Promise<void> {
  if (req.method !== 'POST') throw methodNotAllowed();
  const review = requireObject(parseBody(await readBody(req), req.headers['content-type']));
  const spec = (review.spec ?? {}) as { resourceAttributes?: Attrs; nonResourceAttributes?: { path?: string; verb?: string } };
  const attrs = spec.resourceAttributes ?? { verb: spec.nonResourceAttributes?.verb };
  const allowed = ctx.faults.allowed(attrs);
  const status = allowed
    ? { allowed: true, reason: 'kube-sim allows every request' }
    : { allowed: false, denied: true, reason: `kube-sim: access denied by a /_sim/access rule for ${attrs.verb ?? '*'} ${attrs.resource ?? '*'}` };
  sendJson(res, 201, { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status });
}
