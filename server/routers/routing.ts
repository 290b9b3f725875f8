import { z } from 'zod';
import { id } from '../domain/names.ts';
import { getRouting, routingOutput } from '../domain/routing/read.ts';
import { setWeights } from '../domain/routing/set-weights.ts';
import { routingLevelInput, setWeightsInput } from '../domain/routing/weights.ts';
import { rollbackService } from '../domain/rollouts/rollback.ts';
import { findRollout } from '../domain/rollouts/queries.ts';
import { reason } from '../domain/services/inputs.ts';
import { AppError } from '../errors.ts';
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
    .input(routingLevelInput.extend({ toRolloutId: id, reason }))
    .output(rolloutStarted)
    .mutation(async ({ ctx, input }) => {
      const target = await findRollout(ctx.db, ctx.project.id, input.toRolloutId);
      if (!target.routing || target.routing.applicationId !== input.applicationId || target.routing.level !== input.level) {
        throw new AppError('BAD_REQUEST', `Rollout ${input.toRolloutId} is not a traffic change of this application's ${input.level} level.`);
      }
      return rollbackService(ctx.db, ctx.actor, ctx.project.id, { serviceId: target.serviceId, toRolloutId: target.id, reason: input.reason }, ctx.requestId);
    }),
});
