import type { Db } from '../../../db/client.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { probeCluster, recordHealth, type HealthOutcome } from './health.ts';

export type HealthSweep = {
  checked: number;
  healthy: number;
  /** Clusters that were not healthy, with why. */
  unhealthy: { clusterId: number; name: string; health: HealthOutcome['health']; error: string | null }[];
  /** Checks left undone because the sweep was aborted (the next one covers them). */
  skipped: number;
};

/**
 * Checks every cluster of every project: a few at a time, each with its own short timeout, and
 * each result stored as soon as it is known, so a slow or dead cluster holds up only its own slot.
 * Idempotent: it writes observed state, and running it twice checks twice.
 */
export async function checkAllClusters(db: Db, options: { concurrency?: number; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<HealthSweep> {
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const rows = await db
    .select({ id: clusters.id, name: clusters.name, kubeconfigSealed: clusters.kubeconfigSealed, context: clusters.context, trafficRouter: clusters.trafficRouter })
    .from(clusters);
  const sweep: HealthSweep = { checked: 0, healthy: 0, unhealthy: [], skipped: 0 };
  let next = 0;
  async function lane(): Promise<void> {
    for (let i = next++; i < rows.length; i = next++) {
      const row = rows[i];
      if (!row) continue;
      if (options.signal?.aborted) {
        sweep.skipped++;
        continue;
      }
      const outcome = await probeCluster(row, timeoutMs);
      // A cluster deleted or given a new kubeconfig meanwhile is left to the next sweep.
      if (!(await recordHealth(db, row, outcome))) continue;
      sweep.checked++;
      if (outcome.health === 'healthy') sweep.healthy++;
      else sweep.unhealthy.push({ clusterId: row.id, name: row.name, health: outcome.health, error: outcome.error });
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
  return sweep;
}
