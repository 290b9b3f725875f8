import { openConnection, type KubeConnection } from './connection.ts';
import { KubeError } from './errors.ts';
import { KubeconfigError, resolveKubeconfig } from './kubeconfig.ts';
import { describePermission, requiredPermissions, type Permission, type TrafficRouter } from './permissions.ts';

// "Verify before saving": reach the API, read its version, and ask the API server (not guess from
// RBAC objects) whether the kubeconfig's user may do every verb Drucker needs. Each failure says
// what failed and what to do, and nothing here is stored.

export type VerificationStage = 'kubeconfig' | 'dns' | 'connect' | 'tls' | 'unauthorized' | 'forbidden' | 'timeout' | 'other';
export type ClusterVerification =
  | { ok: true; context: string; apiServerUrl: string; kubernetesVersion: string }
  | { ok: false; stage: VerificationStage; message: string; denied?: Permission[] };

const DEFAULT_TIMEOUT_MS = 10_000;
const PARALLEL_REVIEWS = 8;

type VersionInfo = { gitVersion?: string; major?: string; minor?: string };
type AccessReview = { status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string } };

export async function verifyCluster(
  kubeconfigText: string,
  context: string | undefined,
  opts: { timeoutMs?: number; trafficRouter?: TrafficRouter } = {},
): Promise<ClusterVerification> {
  let resolved;
  try {
    resolved = resolveKubeconfig(kubeconfigText, context);
  } catch (e) {
    if (e instanceof KubeconfigError) return { ok: false, stage: 'kubeconfig', message: e.message };
    throw e;
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const server = resolved.cluster.server;
  let conn: KubeConnection | undefined;
  try {
    conn = await openConnection(resolved);
    const version = await conn.json<VersionInfo>({ path: '/version', signal: deadline, timeoutMs: 0 });
    if (typeof version.gitVersion !== 'string') {
      return { ok: false, stage: 'other', message: `${server} answered /version without a Kubernetes version; is this the address of the Kubernetes API server?` };
    }
    const denied = await deniedPermissions(conn, requiredPermissions(opts.trafficRouter), deadline);
    if (denied.length > 0) {
      const list = denied.map(describePermission).join(', ');
      return {
        ok: false,
        stage: 'forbidden',
        denied,
        message: `403 Forbidden: the kubeconfig's user${resolved.context.user ? ` "${resolved.context.user}"` : ''} may not ${list}. Grant these in a ClusterRole bound to that user (see the README, "Cluster permissions"), then verify again.`,
      };
    }
    return { ok: true, context: resolved.context.name, apiServerUrl: server, kubernetesVersion: version.gitVersion };
  } catch (e) {
    if (deadline.aborted) {
      return { ok: false, stage: 'timeout', message: `timeout: no answer from ${server} within ${Math.round(timeoutMs / 1000)} s; check the address and that Drucker's host can reach it (firewall, VPN, private endpoint)` };
    }
    return failure(e, server, resolved.context.user);
  } finally {
    await conn?.destroy();
  }
}

async function deniedPermissions(conn: KubeConnection, wanted: Permission[], signal: AbortSignal): Promise<Permission[]> {
  const denied: Permission[] = [];
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const p = wanted[next++];
      if (!p) break;
      const [resource, subresource] = p.resource.split('/');
      const review = await conn.json<AccessReview>({
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: p.verb, group: p.group, resource, ...(subresource ? { subresource } : {}) } } },
        signal,
        timeoutMs: 0,
      });
      if (review.status?.allowed !== true) denied.push(p);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_REVIEWS, wanted.length) }, worker));
  // Answers arrive in any order; report them in the order of the list people read.
  return wanted.filter((p) => denied.includes(p));
}

function failure(e: unknown, server: string, user: string): ClusterVerification {
  if (!(e instanceof KubeError)) return { ok: false, stage: 'other', message: `cannot verify ${server}: ${e instanceof Error ? e.message : String(e)}` };
  switch (e.kind) {
    case 'tls':
      return { ok: false, stage: 'tls', message: e.message };
    case 'unreachable':
      return { ok: false, stage: e.reason === 'dns' ? 'dns' : 'connect', message: e.message };
    case 'timeout':
      return { ok: false, stage: 'timeout', message: `timeout: ${e.message}` };
    case 'unauthorized':
      return {
        ok: false,
        stage: 'unauthorized',
        message: `401 Unauthorized: ${server} rejected the credentials of the kubeconfig's user${user ? ` "${user}"` : ''} (token or client certificate expired, revoked or for another cluster); upload a kubeconfig with valid credentials`,
      };
    case 'forbidden':
      return { ok: false, stage: 'forbidden', message: `403 Forbidden: ${e.message}` };
    default:
      return { ok: false, stage: 'other', message: `${server}: ${e.message}` };
  }
}
