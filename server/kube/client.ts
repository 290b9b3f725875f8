import { unseal } from '../crypto/seal.ts';
import { openConnection, type KubeConnection } from './connection.ts';
import { KubeError } from './errors.ts';
import { KubeconfigError, resolveKubeconfig } from './kubeconfig.ts';
import { applyObjects, removeObjects } from './apply.ts';
import { getDeployment, listByLabel, listEvents, listPods, podLog } from './reads.ts';
import { watchDeployment, watchList } from './watch-objects.ts';
import type { ClusterClient } from './cluster-client.ts';

// One client per cluster, built from the sealed kubeconfig on first use and cached by cluster id;
// a changed kubeconfig or context replaces it (the old connection closes once its requests end).

export type ClusterRow = { id: number; kubeconfigSealed: string; context: string };

type Entry = { kubeconfigSealed: string; context: string; client: ClusterClient };
const cache = new Map<number, Entry>();

export function clusterClient(cluster: ClusterRow): ClusterClient {
  const cached = cache.get(cluster.id);
  if (cached && cached.kubeconfigSealed === cluster.kubeconfigSealed && cached.context === cluster.context) return cached.client;
  if (cached) void cached.client.close();
  const client = buildClient(cluster);
  cache.set(cluster.id, { kubeconfigSealed: cluster.kubeconfigSealed, context: cluster.context, client });
  return client;
}

/** Drops a cluster's client (the cluster was deleted). */
export async function forgetClusterClient(clusterId: number): Promise<void> {
  const cached = cache.get(clusterId);
  cache.delete(clusterId);
  await cached?.client.close();
}

function buildClient(cluster: ClusterRow): ClusterClient {
  let pending: Promise<KubeConnection> | undefined;
  const connection = (): Promise<KubeConnection> => {
    pending ??= (async () => {
      let text: string;
      try {
        text = unseal(cluster.kubeconfigSealed, { table: 'clusters', column: 'kubeconfig_sealed', id: cluster.id });
      } catch (e) {
        throw new KubeError('invalid', e instanceof Error ? e.message : String(e), { retryable: false, cause: e });
      }
      try {
        return await openConnection(resolveKubeconfig(text, cluster.context));
      } catch (e) {
        if (e instanceof KubeconfigError) throw new KubeError('invalid', `the kubeconfig stored for this cluster cannot be used: ${e.message}`, { retryable: false });
        throw e;
      }
    })();
    return pending;
  };
  const withConn = <A extends unknown[], R>(op: (conn: KubeConnection, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => op(await connection(), ...args);

  return {
    clusterId: cluster.id,
    apply: withConn(applyObjects),
    remove: withConn(removeObjects),
    getDeployment: withConn(getDeployment),
    watchDeployment: withConn(watchDeployment),
    watchList: withConn(watchList),
    listPods: withConn(listPods),
    listEvents: withConn(listEvents),
    podLog: withConn(podLog),
    listByLabel: withConn(listByLabel),
    version: withConn(async (conn, opts?: { signal?: AbortSignal }) => {
      const v = await conn.json<{ gitVersion?: string }>({ path: '/version', signal: opts?.signal, timeoutMs: 10_000 });
      return v.gitVersion ?? 'unknown';
    }),
    async close(): Promise<void> {
      if (!pending) return;
      const conn = await pending.catch(() => undefined);
      await conn?.close();
    },
  };
}
