import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { nameSome } from '../names.ts';
import { clusterAuditView } from './audit-view.ts';
import { clusterIdInput } from './fields.ts';
import { liveServicesOfCluster } from './read.ts';

/**
 * Removes a cluster from Drucker (nothing in the cluster itself is touched). Refused while
 * services that are not deleted run on it, naming them. The row lock and the shared lock a new
 * service's foreign key takes on this row keep a service from being created on it meanwhile.
 * Deleted services keep their history, with no cluster.
 */
export async function deleteCluster(db: Db, actor: Actor, projectId: number, raw: { clusterId: number }, requestId?: string): Promise<void> {
  const { clusterId } = clusterIdInput.parse(raw);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(clusters).where(eq(clusters.id, clusterId)).for('update');
    if (!row || row.projectId !== projectId) throw notFound('That cluster');
    const live = await liveServicesOfCluster(tx, row.id);
    if (live.length > 0) {
      const names = live.map((s) => `${s.application}/${s.k8sName} (${s.level})`);
      throw new AppError(
        'CONFLICT',
        `Cluster ${row.name} is still used by ${live.length === 1 ? 'a service' : `${live.length} services`}: ${nameSome(names)}. Delete ${live.length === 1 ? 'it' : 'them'} first.`,
        { details: { services: live.map((s) => ({ id: s.id, application: s.application, k8sName: s.k8sName, level: s.level })) } },
      );
    }
    await tx.delete(clusters).where(eq(clusters.id, row.id));
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'cluster.delete',
      target: { type: 'cluster', id: row.id, label: row.name },
      summary: `removed cluster ${row.name} (${row.apiServerUrl})`,
      before: clusterAuditView(row),
      requestId,
    });
  });
}
