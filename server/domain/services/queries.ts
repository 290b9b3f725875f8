import { and, eq, getTableColumns, inArray, isNull, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { models } from '../../../db/schema/models.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { services } from '../../../db/schema/services.ts';
import { notFound, parseInput } from '../../errors.ts';
import { id } from '../names.ts';
import { toRolloutDto } from '../rollouts/dto.ts';
import type { RolloutProgressDetail } from '../../../db/schema/rollouts.ts';
import type { ServiceDto, ServiceSummaryDto } from './dto.ts';

export const listServicesInput = z.object({ applicationId: id, includeDeleted: z.boolean().default(false) });

const columns = { service: services, applicationName: applications.name, cluster: { name: clusters.name, dnsName: clusters.dnsName }, model: { name: models.name, version: models.version } };

const { spec: _spec, routing: _routing, progressDetail: _progressDetail, ...rolloutColumns } = getTableColumns(rollouts);
/**
 * A list needs the counts only: the database drops the pods and events, so they are neither sent
 * nor parsed (mysql2 may hand back the JSON as text: MariaDB stores it as LONGTEXT).
 */
const progressSummary = sql<Omit<RolloutProgressDetail, 'pods' | 'events'> | null>`JSON_REMOVE(${rollouts.progressDetail}, '$.pods', '$.events')`.mapWith(
  (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
);

async function load(db: DbOrTx, projectId: number, where: ReturnType<typeof and>, detail: 'full'): Promise<ServiceDto[]>;
async function load(db: DbOrTx, projectId: number, where: ReturnType<typeof and>, detail: 'summary'): Promise<ServiceSummaryDto[]>;
async function load(db: DbOrTx, projectId: number, where: ReturnType<typeof and>, detail: 'full' | 'summary'): Promise<(ServiceDto | ServiceSummaryDto)[]> {
  const rows = await db
    .select(columns)
    .from(services)
    .innerJoin(applications, eq(applications.id, services.applicationId))
    .leftJoin(clusters, eq(clusters.id, services.clusterId))
    .leftJoin(models, eq(models.id, services.currentModelId))
    .where(and(eq(applications.projectId, projectId), where))
    .orderBy(services.level, services.id);
  if (rows.length === 0) return [];
  // The newest rollout of each service, in one query whatever the number of services.
  const newest = db
    .select({ id: max(rollouts.id).as('newest_id') })
    .from(rollouts)
    .where(inArray(rollouts.serviceId, rows.map((row) => row.service.id)))
    .groupBy(rollouts.serviceId)
    .as('newest');
  const last = await db
    .select({ ...rolloutColumns, progressDetail: detail === 'full' ? rollouts.progressDetail : progressSummary })
    .from(rollouts)
    .innerJoin(newest, eq(newest.id, rollouts.id));
  const lastByService = new Map(last.map((row) => [row.serviceId, row]));
  const now = Date.now();
  return rows.map(({ service, applicationName, cluster, model }) => {
    const lastRollout = lastByService.get(service.id);
    const detail = lastRollout?.progressDetail;
    return {
      id: service.id,
      applicationId: service.applicationId,
      applicationName,
      clusterId: service.clusterId,
      clusterName: cluster?.name ?? null,
      level: service.level,
      k8sName: service.k8sName,
      namespace: service.namespace,
      host: cluster ? `${service.k8sName}.${cluster.dnsName}` : null,
      levelHost: cluster ? `${applicationName}-${service.level}.${cluster.dnsName}` : null,
      displayName: service.displayName,
      description: service.description,
      status: service.status,
      spec: service.spec,
      currentModel: service.currentModelId && model ? { id: service.currentModelId, name: model.name, version: model.version } : null,
      autoRollback: service.autoRollback,
      replicas: detail ? { desired: detail.desired, updated: detail.updated, ready: detail.ready, available: detail.available } : null,
      lastRollout: lastRollout ? toRolloutDto(lastRollout, now) : null,
      createdAt: service.createdAt.toISOString(),
      deletedAt: service.deletedAt?.toISOString() ?? null,
    };
  });
}

/** An application's services, by level; deleted ones only when asked for. */
export async function listServices(db: DbOrTx, projectId: number, raw: z.input<typeof listServicesInput>): Promise<ServiceSummaryDto[]> {
  const input = parseInput(listServicesInput, raw);
  const [application] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.id, input.applicationId), eq(applications.projectId, projectId)));
  if (!application) throw notFound('That application');
  return load(db, projectId, and(eq(services.applicationId, application.id), input.includeDeleted ? undefined : isNull(services.deletedAt)), 'summary');
}

export async function getService(db: DbOrTx, projectId: number, serviceId: number): Promise<ServiceDto> {
  const [service] = await load(db, projectId, and(eq(services.id, serviceId)), 'full');
  if (!service) throw notFound('That service');
  return service;
}
