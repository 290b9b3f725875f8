import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../../db/client.ts';
import { models } from '../../../db/schema/models.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { AppError, parseInput } from '../../errors.ts';
import { id } from '../names.ts';
import { findRollout } from './queries.ts';
import { diffSpecs } from './spec-diff.ts';

export const rolloutDiffInput = z.object({
  rolloutId: id,
  /** Compare with this rollout of the same service; by default, the revision before. */
  againstRolloutId: id.optional(),
});

const side = z.object({ rolloutId: z.number(), revision: z.number(), model: z.object({ id: z.number(), name: z.string(), version: z.string() }).nullable() });

export const rolloutDiffOutput = z.object({
  from: side.nullable(),
  to: side,
  // Field by field (env vars by name, the model by id), as server/domain/rollouts/spec-diff.ts reports them.
  changes: z.array(
    z.object({
      field: z.string(),
      label: z.string(),
      change: z.enum(['added', 'removed', 'changed']),
      before: z.union([z.string(), z.number(), z.null()]).optional(),
      after: z.union([z.string(), z.number(), z.null()]).optional(),
    }),
  ),
  modelChanged: z.boolean(),
});

async function modelOf(db: DbOrTx, modelId: number | null) {
  if (!modelId) return null;
  const [model] = await db.select({ id: models.id, name: models.name, version: models.version }).from(models).where(eq(models.id, modelId));
  return model ?? null;
}

/** What a rollout changed: its spec and model against an earlier (or any chosen) rollout of the same service. */
export async function diffRollouts(db: DbOrTx, projectId: number, raw: z.input<typeof rolloutDiffInput>): Promise<z.infer<typeof rolloutDiffOutput>> {
  const input = parseInput(rolloutDiffInput, raw);
  const to = await findRollout(db, projectId, input.rolloutId);
  let from: typeof rollouts.$inferSelect | undefined;
  if (input.againstRolloutId) {
    from = await findRollout(db, projectId, input.againstRolloutId);
    if (from.serviceId !== to.serviceId) throw new AppError('BAD_REQUEST', 'againstRolloutId must be a rollout of the same service.');
  } else {
    [from] = await db
      .select()
      .from(rollouts)
      .where(and(eq(rollouts.serviceId, to.serviceId), lt(rollouts.revision, to.revision)))
      .orderBy(desc(rollouts.revision))
      .limit(1);
  }
  const toSide = { rolloutId: to.id, revision: to.revision, model: await modelOf(db, to.modelId) };
  if (!from) return { from: null, to: toSide, changes: diffSpecs(null, { spec: to.spec, modelId: to.modelId }), modelChanged: to.modelId !== null };
  return {
    from: { rolloutId: from.id, revision: from.revision, model: await modelOf(db, from.modelId) },
    to: toSide,
    changes: diffSpecs({ spec: from.spec, modelId: from.modelId }, { spec: to.spec, modelId: to.modelId }),
    modelChanged: from.modelId !== to.modelId,
  };
}
