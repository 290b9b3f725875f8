import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { models } from '../../../db/schema/models.ts';
import type { Actor } from '../../auth/actor.ts';
import { notFound, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { id, optionalText } from '../names.ts';
import { findModel } from './queries.ts';

export const updateModelInput = z.object({ modelId: id, description: optionalText(5000) });

/** A model's file never changes (upload a new version for that); its description does. */
export async function updateModel(db: Db, actor: Actor, projectId: number, raw: z.input<typeof updateModelInput>, requestId?: string): Promise<void> {
  const input = parseInput(updateModelInput, raw);
  await db.transaction(async (tx) => {
    const found = await findModel(tx, projectId, input.modelId);
    if (!found) throw notFound('That model');
    const description = input.description ?? null;
    await tx.update(models).set({ description }).where(eq(models.id, found.model.id));
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'model.update',
      target: { type: 'model', id: found.model.id, label: `${found.model.name} ${found.model.version}` },
      summary: `changed the description of model ${found.model.name} ${found.model.version}`,
      before: { description: found.model.description },
      after: { description },
      requestId,
    });
  });
}
