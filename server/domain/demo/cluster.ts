import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import type { Actor } from '../../auth/actor.ts';
import { resolveKubeconfig } from '../../kube/kubeconfig.ts';
import { createCluster } from '../clusters/create.ts';
import { unsealKubeconfig } from '../clusters/secrets.ts';
import { updateCluster } from '../clusters/update.ts';

export const DEMO_CLUSTER = 'kube-sim';
const actor: Actor = { type: 'system', label: 'seed-demo' };

/**
 * Registers the demo's kube-sim as the cluster `kube-sim` of the demo project, through the same
 * verification as any cluster. Idempotent: on a later start it only replaces the kubeconfig when
 * kube-sim wrote a different one (a new CA or token).
 */
export async function registerDemoCluster(db: Db, projectId: number, kubeconfig: string): Promise<{ clusterId: number; change: 'created' | 'updated' | 'unchanged' }> {
  const [existing] = await db
    .select()
    .from(clusters)
    .where(and(eq(clusters.projectId, projectId), eq(clusters.name, DEMO_CLUSTER)))
    .limit(1);
  if (!existing) {
    const { clusterId } = await createCluster(db, actor, {
      projectId,
      name: DEMO_CLUSTER,
      description: 'The simulated cluster npm run demo starts (tools/kube-sim).',
      kubeconfig,
      // *.localhost names resolve to this machine in browsers.
      dnsName: 'kube-sim.localhost',
      // So the demo can show weighted traffic (an HTTPRoute per level; kube-sim stores route objects).
      trafficRouter: 'gateway-api',
      gatewayName: 'demo-gateway',
      gatewayNamespace: 'gateways',
    });
    return { clusterId, change: 'created' };
  }
  // Compared as what a connection uses (server, CA, credentials), not as text: the stored one is minified.
  const connection = (text: string) => {
    const { cluster, user } = resolveKubeconfig(text);
    return JSON.stringify({ cluster, user });
  };
  if (connection(unsealKubeconfig(existing.id, existing.kubeconfigSealed)) === connection(kubeconfig)) return { clusterId: existing.id, change: 'unchanged' };
  await updateCluster(db, actor, projectId, { clusterId: existing.id, kubeconfig });
  return { clusterId: existing.id, change: 'updated' };
}
