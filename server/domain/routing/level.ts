import { and, asc, desc, eq, inArray, isNotNull, isNull, notInArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import type { ServiceLevel } from '../../../db/schema/common.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { services } from '../../../db/schema/services.ts';
import { notFound } from '../../errors.ts';
import type { TrafficRouterSetting } from '../manifests/routes.ts';

export type LevelService = typeof services.$inferSelect;
export type LevelCluster = typeof clusters.$inferSelect;

/** The application (of the project) or a not-found error: every read is scoped by project. */
export async function findApplication(db: DbOrTx, projectId: number, applicationId: number) {
  const [application] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.projectId, projectId)));
  if (!application) throw notFound('That application');
  return application;
}

/** Live services of the level (not deleted, not being deleted), oldest first. */
export async function levelServices(db: DbOrTx, applicationId: number, level: ServiceLevel): Promise<LevelService[]> {
  return db
    .select()
    .from(services)
    .where(and(eq(services.applicationId, applicationId), eq(services.level, level), isNull(services.deletedAt), notInArray(services.status, ['deleted', 'deleting'])))
    .orderBy(asc(services.id));
}

/**
 * Locks the level's services (in id order, so two changes of one level never deadlock) and returns
 * them as they are once locked. Routing changes of one level are serialized here.
 */
export async function lockLevel(tx: Tx, applicationId: number, level: ServiceLevel): Promise<LevelService[]> {
  const ids = await levelServices(tx, applicationId, level);
  if (ids.length === 0) return [];
  await tx
    .select({ id: services.id })
    .from(services)
    .where(inArray(services.id, ids.map((s) => s.id)))
    .orderBy(asc(services.id))
    .for('update');
  return levelServices(tx, applicationId, level);
}

export async function clusterOf(db: DbOrTx, clusterId: number | null): Promise<LevelCluster | null> {
  if (clusterId === null) return null;
  const [cluster] = await db.select().from(clusters).where(eq(clusters.id, clusterId));
  return cluster ?? null;
}

/** The cluster's traffic router as the renderer takes it, or null when it has none. */
export function routerOf(cluster: Pick<LevelCluster, 'trafficRouter' | 'gatewayName' | 'gatewayNamespace'>): TrafficRouterSetting | null {
  switch (cluster.trafficRouter) {
    case 'none':
      return null;
    case 'gateway-api':
      if (!cluster.gatewayName || !cluster.gatewayNamespace) return null;
      return { kind: 'gateway-api', gatewayName: cluster.gatewayName, gatewayNamespace: cluster.gatewayNamespace };
    case 'istio':
      return { kind: 'istio', gatewayName: cluster.gatewayName, gatewayNamespace: cluster.gatewayNamespace };
  }
}

/** Traffic rollouts of the level, newest first (they live on the services of the level, including deleted ones). */
export async function levelRoutingRollouts(db: DbOrTx, applicationId: number, level: ServiceLevel, limit = 50) {
  const all = await db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.applicationId, applicationId), eq(services.level, level)));
  if (all.length === 0) return [];
  return db
    .select()
    .from(rollouts)
    .where(and(inArray(rollouts.serviceId, all.map((s) => s.id)), isNotNull(rollouts.routing)))
    .orderBy(desc(rollouts.id))
    .limit(limit);
}
