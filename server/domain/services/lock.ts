import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { services } from '../../../db/schema/services.ts';
import { AppError, notFound } from '../../errors.ts';

export type LockedService = {
  service: typeof services.$inferSelect;
  application: typeof applications.$inferSelect;
  cluster: typeof clusters.$inferSelect;
};

/**
 * Locks a live service of the project for a change (SELECT … FOR UPDATE): changes to one service
 * are serialized here, so each reads the spec the previous one left and gets the next revision.
 */
export async function lockService(tx: Tx, projectId: number, serviceId: number): Promise<LockedService> {
  // Only the service row is locked (MariaDB has no FOR UPDATE OF): changes to other services of the
  // same application or cluster go on in parallel.
  await tx.select({ id: services.id }).from(services).where(eq(services.id, serviceId)).for('update');
  const [row] = await tx
    .select({ service: services, application: applications, cluster: clusters })
    .from(services)
    .innerJoin(applications, eq(applications.id, services.applicationId))
    .leftJoin(clusters, eq(clusters.id, services.clusterId))
    .where(and(eq(services.id, serviceId), eq(applications.projectId, projectId)));
  if (!row) throw notFound('That service');
  if (row.service.deletedAt || row.service.status === 'deleted') {
    throw new AppError('PRECONDITION_FAILED', `Service ${row.service.displayName} was deleted; its history stays readable, but it cannot be changed.`);
  }
  if (row.service.status === 'deleting') {
    throw new AppError('PRECONDITION_FAILED', `Service ${row.service.displayName} is being deleted; cancel the delete rollout first if you want to keep it.`);
  }
  if (!row.cluster) throw new AppError('PRECONDITION_FAILED', `The cluster of service ${row.service.displayName} no longer exists.`);
  return { service: row.service, application: row.application, cluster: row.cluster };
}
