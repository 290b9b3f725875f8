import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { services } from '../../../db/schema/services.ts';
import { notFound } from '../../errors.ts';
import type { ClusterDto } from './fields.ts';

export type ClusterRow = typeof clusters.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toClusterDto(row: ClusterRow, serviceCount = 0): ClusterDto {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    description: row.description,
    context: row.context,
    apiServerUrl: row.apiServerUrl,
    dnsName: row.dnsName,
    ingressClass: row.ingressClass,
    grpcAnnotationPreset: row.grpcAnnotationPreset,
    namespaceTemplate: row.namespaceTemplate,
    nodePinning: row.nodePinning,
    trafficRouter: row.trafficRouter,
    gatewayName: row.gatewayName,
    gatewayNamespace: row.gatewayNamespace,
    modelStorage: row.modelStorage,
    modelStorageCredentialsSet: row.modelStorageCredentialsSealed != null,
    serviceDb: row.serviceDb ? { ...row.serviceDb, passwordSet: row.serviceDbPasswordSealed != null } : null,
    health: row.health,
    kubernetesVersion: row.kubernetesVersion,
    lastError: row.lastError,
    lastCheckedAt: iso(row.lastCheckedAt),
    lastHealthyAt: iso(row.lastHealthyAt),
    serviceCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function serviceCounts(db: DbOrTx, clusterIds: number[]): Promise<Map<number, number>> {
  if (clusterIds.length === 0) return new Map();
  const rows = await db
    .select({ clusterId: services.clusterId, n: count() })
    .from(services)
    .where(and(inArray(services.clusterId, clusterIds), isNull(services.deletedAt)))
    .groupBy(services.clusterId);
  return new Map(rows.flatMap((r) => (r.clusterId == null ? [] : [[r.clusterId, r.n] as const])));
}

/** The project's cluster with this id, or undefined: another project's cluster is as good as unknown. */
export async function findCluster(db: DbOrTx, projectId: number, clusterId: number): Promise<ClusterRow | undefined> {
  const [row] = await db
    .select()
    .from(clusters)
    .where(and(eq(clusters.id, clusterId), eq(clusters.projectId, projectId)))
    .limit(1);
  return row;
}

export async function getCluster(db: DbOrTx, projectId: number, clusterId: number): Promise<ClusterDto> {
  const row = await findCluster(db, projectId, clusterId);
  if (!row) throw notFound('That cluster');
  return toClusterDto(row, (await serviceCounts(db, [row.id])).get(row.id));
}

export async function listClusters(db: DbOrTx, projectId: number): Promise<ClusterDto[]> {
  const rows = await db.select().from(clusters).where(eq(clusters.projectId, projectId)).orderBy(asc(clusters.name));
  const counts = await serviceCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toClusterDto(row, counts.get(row.id)));
}

/** For the authorization scope: the project a cluster belongs to. */
export async function projectOfCluster(db: DbOrTx, clusterId: number): Promise<number | undefined> {
  const [row] = await db.select({ projectId: clusters.projectId }).from(clusters).where(eq(clusters.id, clusterId)).limit(1);
  return row?.projectId;
}

/** The cluster's services that are not deleted, oldest first, with their application's name. */
export async function liveServicesOfCluster(db: DbOrTx, clusterId: number) {
  return db
    .select({ id: services.id, displayName: services.displayName, k8sName: services.k8sName, level: services.level, application: applications.name })
    .from(services)
    .innerJoin(applications, eq(applications.id, services.applicationId))
    .where(and(eq(services.clusterId, clusterId), isNull(services.deletedAt)))
    .orderBy(asc(services.id));
}
