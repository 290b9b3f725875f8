import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { modelCopies, models } from '../../../db/schema/models.ts';
import { env } from '../../env.ts';
import { clusterStorage, stagingStorage } from '../../storage/open.ts';
import type { ModelStorage } from '../../storage/storage.ts';
import { clusterModelStorageCredentials } from '../clusters/secrets.ts';
import { modelKey } from './fields.ts';

/**
 * The second half of model.delete: removes the model's file from every cluster it was copied to
 * and from staging, then its row (and its copies' rows). Idempotent: a missing file is no error,
 * and a failure leaves the row marked, so the job (or the dispatcher) tries again.
 */
export async function removeModelFiles(db: Db, modelId: number, options: { staging?: ModelStorage } = {}): Promise<'removed' | 'not deleting'> {
  const [row] = await db
    .select({ model: models, applicationName: applications.name })
    .from(models)
    .innerJoin(applications, eq(applications.id, models.applicationId))
    .where(eq(models.id, modelId));
  if (!row?.model.deletingAt) return 'not deleting';
  const key = modelKey(row.applicationName, row.model);
  const targets = await db
    .select({ cluster: clusters })
    .from(modelCopies)
    .innerJoin(clusters, eq(clusters.id, modelCopies.clusterId))
    .where(eq(modelCopies.modelId, modelId));
  for (const { cluster } of targets) {
    await clusterStorage(cluster.modelStorage.write, await clusterModelStorageCredentials(db, cluster.id)).delete(key);
  }
  await (options.staging ?? stagingStorage(env())).delete(row.model.storageKey);
  await db.delete(models).where(eq(models.id, modelId));
  return 'removed';
}
