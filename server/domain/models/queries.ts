import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { modelCopies, models } from '../../../db/schema/models.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { services } from '../../../db/schema/services.ts';
import { users } from '../../../db/schema/users.ts';
import { notFound, parseInput } from '../../errors.ts';
import { id } from '../names.ts';
import type { ModelCopyDto, ModelDto } from './dto.ts';

export const listModelsInput = z.object({ applicationId: id });

type ModelRow = typeof models.$inferSelect;
type ServiceRef = ModelDto['runningOn'][number];

/** The project's model with this id (with its application), or undefined. */
export async function findModel(db: DbOrTx, projectId: number, modelId: number) {
  const [row] = await db
    .select({ model: models, application: applications })
    .from(models)
    .innerJoin(applications, eq(applications.id, models.applicationId))
    .where(and(eq(models.id, modelId), eq(applications.projectId, projectId)))
    .limit(1);
  return row;
}

async function toDtos(db: DbOrTx, rows: ModelRow[]): Promise<ModelDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const uploaderIds = [...new Set(rows.flatMap((row) => (row.uploadedBy ? [row.uploadedBy] : [])))];
  const uploaders = uploaderIds.length
    ? await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, uploaderIds))
    : [];
  const serviceColumns = { id: services.id, displayName: services.displayName, level: services.level, k8sName: services.k8sName };
  const running = await db
    .select({ ...serviceColumns, modelId: services.currentModelId })
    .from(services)
    .where(and(inArray(services.currentModelId, ids), isNull(services.deletedAt)))
    .orderBy(asc(services.id));
  // From the rollout history: every service that ran the model in a rollout that succeeded.
  const ran = await db
    .selectDistinct({ ...serviceColumns, modelId: rollouts.modelId, currentModelId: services.currentModelId })
    .from(rollouts)
    .innerJoin(services, eq(services.id, rollouts.serviceId))
    .where(and(inArray(rollouts.modelId, ids), eq(rollouts.status, 'succeeded')))
    .orderBy(asc(services.id));
  const ref = (row: ServiceRef): ServiceRef => ({ id: row.id, displayName: row.displayName, level: row.level, k8sName: row.k8sName });
  return rows.map((row) => {
    const uploader = uploaders.find((user) => user.id === row.uploadedBy);
    const runningOn = running.filter((service) => service.modelId === row.id).map(ref);
    return {
      id: row.id,
      applicationId: row.applicationId,
      name: row.name,
      version: row.version,
      fileName: row.fileName,
      size: row.size,
      sha256: row.sha256,
      description: row.description,
      uploadedBy: uploader ?? null,
      createdAt: row.createdAt.toISOString(),
      deleting: row.deletingAt !== null,
      runningOn,
      ranBefore: ran.filter((service) => service.modelId === row.id && !runningOn.some((now) => now.id === service.id)).map(ref),
    };
  });
}

/** The application's models, newest first. */
export async function listModels(db: DbOrTx, projectId: number, raw: z.input<typeof listModelsInput>): Promise<ModelDto[]> {
  const input = parseInput(listModelsInput, raw);
  const rows = await db
    .select({ model: models })
    .from(models)
    .innerJoin(applications, eq(applications.id, models.applicationId))
    .where(and(eq(models.applicationId, input.applicationId), eq(applications.projectId, projectId)))
    .orderBy(desc(models.createdAt), desc(models.id));
  return toDtos(db, rows.map((row) => row.model));
}

export async function getModel(db: DbOrTx, projectId: number, modelId: number): Promise<ModelDto> {
  const found = await findModel(db, projectId, modelId);
  if (!found) throw notFound('That model');
  const [dto] = await toDtos(db, [found.model]);
  return dto!;
}

/** The model's copy to each cluster it has been asked on. */
export async function listCopies(db: DbOrTx, projectId: number, modelId: number): Promise<ModelCopyDto[]> {
  const found = await findModel(db, projectId, modelId);
  if (!found) throw notFound('That model');
  const rows = await db
    .select({ copy: modelCopies, clusterName: clusters.name })
    .from(modelCopies)
    .innerJoin(clusters, eq(clusters.id, modelCopies.clusterId))
    .where(eq(modelCopies.modelId, modelId))
    .orderBy(asc(clusters.name));
  return rows.map(({ copy, clusterName }) => ({
    clusterId: copy.clusterId,
    clusterName,
    status: copy.status,
    bytesCopied: copy.bytesCopied,
    size: found.model.size,
    error: copy.error,
    attempts: copy.attempts,
    startedAt: copy.startedAt?.toISOString() ?? null,
    finishedAt: copy.finishedAt?.toISOString() ?? null,
    verifiedAt: copy.verifiedAt?.toISOString() ?? null,
  }));
}
