import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { models } from '../../../db/schema/models.ts';
import { AppError } from '../../errors.ts';

/**
 * A model a service of this application may run: it must belong to the same application and not
 * be on its way out. With `lock`, the row is share-locked until the transaction ends, so a
 * parallel model.delete (which locks it for update) sees the service that now runs it.
 */
export async function modelForService(
  db: DbOrTx,
  applicationId: number,
  modelId: number,
  options: { lock?: boolean } = {},
): Promise<typeof models.$inferSelect> {
  if (options.lock) await db.execute(sql`SELECT id FROM models WHERE id = ${modelId} LOCK IN SHARE MODE`);
  const [model] = await db.select().from(models).where(and(eq(models.id, modelId), eq(models.applicationId, applicationId)));
  if (!model) throw new AppError('NOT_FOUND', `Model ${modelId} was not found in this application; upload it under Models first.`);
  if (model.deletingAt) throw new AppError('PRECONDITION_FAILED', `Model ${model.name} ${model.version} is being deleted; choose another model.`);
  return model;
}
