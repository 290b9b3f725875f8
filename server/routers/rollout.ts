import { z } from 'zod';
import { cancelRollout } from '../domain/rollouts/cancel.ts';
import { diffRollouts, rolloutDiffInput, rolloutDiffOutput } from '../domain/rollouts/diff.ts';
import { rolloutDetailOutput, rolloutOutput } from '../domain/rollouts/dto.ts';
import { getRollout, listRollouts, listRolloutsInput } from '../domain/rollouts/queries.ts';
import { rollbackInput, rollbackService } from '../domain/rollouts/rollback.ts';
import { id } from '../domain/names.ts';
import { projectProcedure, router } from '../trpc/init.ts';
import { byRolloutId, byServiceId } from '../trpc/scopes.ts';

export const rolloutRouter = router({
  list: projectProcedure('viewer', byServiceId)
    .input(listRolloutsInput)
    .output(z.array(rolloutOutput))
    .query(({ ctx, input }) => listRollouts(ctx.db, ctx.project.id, input)),

  get: projectProcedure('viewer', byRolloutId)
    .input(z.object({ rolloutId: id }))
    .output(rolloutDetailOutput)
    .query(({ ctx, input }) => getRollout(ctx.db, ctx.project.id, input.rolloutId)),

  diff: projectProcedure('viewer', byRolloutId)
    .input(rolloutDiffInput)
    .output(rolloutDiffOutput)
    .query(({ ctx, input }) => diffRollouts(ctx.db, ctx.project.id, input)),

  cancel: projectProcedure('editor', byRolloutId)
    .input(z.object({ rolloutId: id }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await cancelRollout(ctx.db, ctx.actor, ctx.project.id, input.rolloutId, ctx.requestId);
      return { ok: true as const };
    }),

  rollback: projectProcedure('editor', byServiceId)
    .input(rollbackInput)
    .output(z.object({ rolloutId: z.number() }))
    .mutation(({ ctx, input }) => rollbackService(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId)),
});
