import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { isDuplicateKey, type Db, type DbOrTx, type Tx } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { models } from '../../../db/schema/models.ts';
import { promotionPins } from '../../../db/schema/promotions.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError, parseInput } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { id } from '../names.ts';

// A model a person rolled back on a target stays off it: no policy promotes it there again until
// someone unpins it, so automation never re-applies what a person took back.

/**
 * Called by every rollback: when the model being rolled away from came to this service through a
 * promotion, pin it here. Returns whether it pinned.
 */
export async function pinAfterRollback(
  tx: Tx,
  args: { serviceId: number; fromModelId: number | null; toModelId: number | null; rolloutId: number; actor: Actor; reason?: string | null },
): Promise<boolean> {
  if (args.fromModelId === null || args.fromModelId === args.toModelId) return false;
  const [promoted] = await tx
    .select({ id: rollouts.id })
    .from(rollouts)
    .where(and(eq(rollouts.serviceId, args.serviceId), eq(rollouts.kind, 'promotion'), eq(rollouts.modelId, args.fromModelId)))
    .limit(1);
  if (!promoted) return false;
  try {
    await tx.insert(promotionPins).values({
      serviceId: args.serviceId,
      modelId: args.fromModelId,
      rolloutId: args.rolloutId,
      reason: args.reason ?? null,
      pinnedByLabel: args.actor.label,
    });
  } catch (error) {
    // Pinned already by an earlier rollback: it stays pinned.
    if (!isDuplicateKey(error)) throw error;
  }
  return true;
}

export async function isPinned(db: DbOrTx, serviceId: number, modelId: number): Promise<boolean> {
  const [pin] = await db
    .select({ id: promotionPins.id })
    .from(promotionPins)
    .where(and(eq(promotionPins.serviceId, serviceId), eq(promotionPins.modelId, modelId)))
    .limit(1);
  return pin !== undefined;
}

export const pinOutput = z.object({
  serviceId: z.number(),
  serviceName: z.string(),
  model: z.object({ id: z.number(), name: z.string(), version: z.string() }).nullable(),
  modelId: z.number(),
  rolloutId: z.number().nullable(),
  reason: z.string().nullable(),
  pinnedBy: z.string(),
  pinnedAt: z.string(),
});

/** The application's pins, newest first. */
export async function listPins(db: DbOrTx, projectId: number, applicationId: number): Promise<z.infer<typeof pinOutput>[]> {
  const own = await db
    .select({ id: services.id, displayName: services.displayName })
    .from(services)
    .innerJoin(applications, eq(applications.id, services.applicationId))
    .where(and(eq(services.applicationId, applicationId), eq(applications.projectId, projectId)));
  if (own.length === 0) return [];
  const names = new Map(own.map((s) => [s.id, s.displayName]));
  const rows = await db
    .select({ pin: promotionPins, model: models })
    .from(promotionPins)
    .leftJoin(models, eq(models.id, promotionPins.modelId))
    .where(inArray(promotionPins.serviceId, own.map((s) => s.id)))
    .orderBy(desc(promotionPins.id));
  return rows.map(({ pin, model }) => ({
    serviceId: pin.serviceId,
    serviceName: names.get(pin.serviceId) ?? String(pin.serviceId),
    model: model ? { id: model.id, name: model.name, version: model.version } : null,
    modelId: pin.modelId,
    rolloutId: pin.rolloutId,
    reason: pin.reason,
    pinnedBy: pin.pinnedByLabel,
    pinnedAt: pin.createdAt.toISOString(),
  }));
}

export const unpinInput = z.object({ serviceId: id, modelId: id, reason: z.string().trim().max(1000).optional() });

export async function unpin(db: Db, actor: Actor, projectId: number, raw: z.input<typeof unpinInput>, requestId?: string): Promise<void> {
  const input = parseInput(unpinInput, raw);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ pin: promotionPins, service: services })
      .from(promotionPins)
      .innerJoin(services, eq(services.id, promotionPins.serviceId))
      .innerJoin(applications, eq(applications.id, services.applicationId))
      .where(and(eq(promotionPins.serviceId, input.serviceId), eq(promotionPins.modelId, input.modelId), eq(applications.projectId, projectId)))
      .for('update');
    if (!row) throw new AppError('NOT_FOUND', `Model ${input.modelId} is not pinned on service ${input.serviceId}.`);
    await tx.delete(promotionPins).where(eq(promotionPins.id, row.pin.id));
    await recordAudit(tx, {
      projectId,
      actor,
      action: 'promotion.unpin',
      target: { type: 'service', id: row.service.id, label: row.service.displayName },
      summary: `unpinned model ${input.modelId} on ${row.service.displayName}: policies may promote it there again${input.reason ? ` (${input.reason})` : ''}`,
      before: { pinnedBy: row.pin.pinnedByLabel, reason: row.pin.reason },
      requestId,
    });
  });
}
