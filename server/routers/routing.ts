import { z } from 'zod';
import { getRouting, routingOutput } from '../domain/routing/read.ts';
import { rollbackRouting, routingRollbackInput } from '../domain/routing/rollback.ts';
import { setWeights } from '../domain/routing/set-weights.ts';
import { routingLevelInput, setWeightsInput } from '../domain/routing/weights.ts';
import { projectProcedure, router } from '../trpc/init.ts';
import { byApplicationId } from '../trpc/scopes.ts';

const rolloutStarted = z.object({ rolloutId: z.number() });

export const routingRouter = router({
  get: projectProcedure('viewer', byApplicationId)
    .input(routingLevelInput)
    .output(routingOutput)
    .query(({ ctx, input }) => getRouting(ctx.db, ctx.project.id, input)),

  /** Weights in percent over every service of the level (sum 100): a `routing` rollout. */
  setWeights: projectProcedure('editor', byApplicationId)
    .input(setWeightsInput)
    .output(rolloutStarted)
    .mutation(({ ctx, input }) => setWeights(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId)),

  /** Back to the split an earlier traffic rollout of the level applied (the same as rollout.rollback on it). */
  rollback: projectProcedure('editor', byApplicationId)
    .input(routingRollbackInput)
    .output(rolloutStarted)
    .mutation(({ ctx, input }) => rollbackRouting(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId)),
});
