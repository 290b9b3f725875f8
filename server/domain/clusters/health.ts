import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { verifyCluster } from '../../kube/verify.ts';
import type { ClusterRow } from './read.ts';
import { unsealKubeconfig } from './secrets.ts';
import { describeFailure, healthOf } from './verify.ts';

export type HealthOutcome = {
  health: ReturnType<typeof healthOf>;
  kubernetesVersion: string | null;
  error: string | null;
};

/** Verifies one cluster as it is stored now; never throws (a failure is an outcome). */
export async function probeCluster(row: Pick<ClusterRow, 'id' | 'kubeconfigSealed' | 'context' | 'trafficRouter'>, timeoutMs: number): Promise<HealthOutcome> {
  let kubeconfig: string;
  try {
    kubeconfig = unsealKubeconfig(row.id, row.kubeconfigSealed);
  } catch (error) {
    return { health: 'unreachable', kubernetesVersion: null, error: error instanceof Error ? error.message : String(error) };
  }
  // The gateway honours timeoutMs; the race is a backstop so one stuck cluster never holds a slot.
  let timer: NodeJS.Timeout | undefined;
  const backstop = new Promise<HealthOutcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ health: 'unreachable', kubernetesVersion: null, error: `Cluster verification failed (timeout): no answer within ${Math.round(timeoutMs / 1000)} s.` }),
      timeoutMs + 2_000,
    );
  });
  const check = verifyCluster(kubeconfig, row.context, { timeoutMs, trafficRouter: row.trafficRouter }).then(
    (result): HealthOutcome =>
      result.ok
        ? { health: 'healthy', kubernetesVersion: result.kubernetesVersion, error: null }
        : { health: healthOf(result.stage), kubernetesVersion: null, error: describeFailure(result) },
    (error: unknown): HealthOutcome => ({ health: 'unreachable', kubernetesVersion: null, error: `Cluster verification failed: ${error instanceof Error ? error.message : String(error)}` }),
  );
  try {
    return await Promise.race([check, backstop]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stores an outcome, unless the kubeconfig was replaced while it was being checked (then the
 * outcome is about a kubeconfig that no longer counts). Keeps the last known version when the
 * cluster cannot be reached, and leaves updated_at alone: health is observed, not edited.
 * Returns whether the row was written.
 */
export async function recordHealth(db: DbOrTx, row: Pick<ClusterRow, 'id' | 'kubeconfigSealed'>, outcome: HealthOutcome, at = new Date()): Promise<boolean> {
  const [result] = await db
    .update(clusters)
    .set({
      health: outcome.health,
      lastError: outcome.error,
      lastCheckedAt: at,
      updatedAt: sql`${clusters.updatedAt}`,
      ...(outcome.kubernetesVersion ? { kubernetesVersion: outcome.kubernetesVersion } : {}),
      ...(outcome.health === 'healthy' ? { lastHealthyAt: at } : {}),
    })
    .where(and(eq(clusters.id, row.id), eq(clusters.kubeconfigSealed, row.kubeconfigSealed)));
  return result.affectedRows > 0;
}
