import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { clusterIdInput, type ClusterHealthDto } from './fields.ts';
import { probeCluster, recordHealth } from './health.ts';
import { findCluster, toClusterDto } from './read.ts';
import { VERIFY_TIMEOUT_MS } from './verify.ts';

/**
 * Verifies a cluster now, as the health job does every minute, records the outcome and audits
 * who asked. Returns the health as stored; a cluster that fails is an answer, not an error.
 */
export async function checkCluster(
  db: Db,
  actor: Actor,
  projectId: number,
  raw: { clusterId: number },
  options: { requestId?: string; verifyTimeoutMs?: number } = {},
): Promise<ClusterHealthDto> {
  const { clusterId } = clusterIdInput.parse(raw);
  const row = await findCluster(db, projectId, clusterId);
  if (!row) throw notFound('That cluster');
  const outcome = await probeCluster(row, options.verifyTimeoutMs ?? VERIFY_TIMEOUT_MS);
  return db.transaction(async (tx) => {
    if (!(await recordHealth(tx, row, outcome))) {
      throw new AppError('CONFLICT', `Cluster ${row.name} was changed or deleted while it was checked; reload and check again.`);
    }
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'cluster.check',
      target: { type: 'cluster', id: row.id, label: row.name },
      summary:
        outcome.health === 'healthy'
          ? `checked cluster ${row.name}: healthy, Kubernetes ${outcome.kubernetesVersion ?? 'unknown'}`
          : `checked cluster ${row.name}: ${outcome.health}`,
      before: { health: row.health, kubernetesVersion: row.kubernetesVersion },
      after: { health: outcome.health, kubernetesVersion: outcome.kubernetesVersion ?? row.kubernetesVersion, error: outcome.error },
      requestId: options.requestId,
    });
    const [updated] = await tx.select().from(clusters).where(eq(clusters.id, row.id));
    if (!updated) throw notFound('That cluster');
    const dto = toClusterDto(updated);
    return { health: dto.health, kubernetesVersion: dto.kubernetesVersion, lastError: dto.lastError, lastCheckedAt: dto.lastCheckedAt, lastHealthyAt: dto.lastHealthyAt };
  });
}
