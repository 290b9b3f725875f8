import { z } from 'zod';
import { deleteModel, deleteModelInput } from '../domain/models/delete.ts';
import { modelCopyOutput, modelOutput } from '../domain/models/dto.ts';
import { getModel, listCopies, listModels, listModelsInput } from '../domain/models/queries.ts';
import { retryCopy, retryCopyInput } from '../domain/models/retry-copy.ts';
import { updateModel, updateModelInput } from '../domain/models/update.ts';
import { id } from '../domain/names.ts';
import { projectProcedure, router } from '../trpc/init.ts';
import { byApplicationId, byModelId } from '../trpc/scopes.ts';

// Uploads are not here: the file goes to POST /api/uploads/models (server/http/model-upload.ts).
export const modelRouter = router({
  list: projectProcedure('viewer', byApplicationId)
    .input(listModelsInput)
    .output(z.array(modelOutput))
    .query(({ ctx, input }) => listModels(ctx.db, ctx.project.id, input)),

  get: projectProcedure('viewer', byModelId)
    .input(z.object({ modelId: id }))
    .output(modelOutput)
    .query(({ ctx, input }) => getModel(ctx.db, ctx.project.id, input.modelId)),

  /** The model's copy to each cluster: pending | copying | verified | failed, with bytes copied. */
  copies: projectProcedure('viewer', byModelId)
    .input(z.object({ modelId: id }))
    .output(z.array(modelCopyOutput))
    .query(({ ctx, input }) => listCopies(ctx.db, ctx.project.id, input.modelId)),

  /** The description; a model's file never changes (upload a new version). */
  update: projectProcedure('editor', byModelId)
    .input(updateModelInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await updateModel(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId);
      return { ok: true as const };
    }),

  retryCopy: projectProcedure('editor', byModelId)
    .input(retryCopyInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await retryCopy(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId);
      return { ok: true as const };
    }),

  /** Refused while a service runs the model or a promotion waits to promote it; the files go in a job. */
  delete: projectProcedure('editor', byModelId)
    .input(deleteModelInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteModel(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId);
      return { ok: true as const };
    }),
});
