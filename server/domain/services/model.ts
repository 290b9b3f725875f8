import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { models } from '../../../db/schema/models.ts';
import { AppError } from '../../errors.ts';

/** A model a service of this application may run: it must belong to the same application. */
export async function modelForService(db: DbOrTx, applicationId: number, modelId: number): Promise<typeof models.$inferSelect> {
  const [model] = await db.select().from(models).where(and(eq(models.id, modelId), eq(models.applicationId, applicationId)));
  if (!model) throw new AppError('NOT_FOUND', `Model ${modelId} was not found in this application; upload it under Models first.`);
  return model;
}
