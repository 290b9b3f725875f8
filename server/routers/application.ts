import { z } from 'zod';
import { createApplication } from '../domain/applications/create.ts';
import { deleteApplication } from '../domain/applications/delete.ts';
import { applicationOutput, createApplicationInput, deleteApplicationInput, updateApplicationInput } from '../domain/applications/fields.ts';
import { getApplication, listApplications } from '../domain/applications/read.ts';
import { updateApplication } from '../domain/applications/update.ts';
import { id } from '../domain/names.ts';
import { projectProcedure, router } from '../trpc/init.ts';
import { byApplicationId } from '../trpc/scopes.ts';

const ok = z.object({ ok: z.literal(true) });

// Applications are part of deploying (DESIGN.md roles): editors create, change and delete them;
// admins only add clusters, members and tokens on top.
export const applicationRouter = router({
  create: projectProcedure('editor')
    .input(createApplicationInput)
    .output(z.object({ applicationId: z.number() }))
    .mutation(({ ctx, input }) => createApplication(ctx.db, ctx.actor, input, ctx.requestId)),

  list: projectProcedure('viewer')
    .input(z.object({ projectId: id }))
    .output(z.array(applicationOutput))
    .query(({ ctx, input }) => listApplications(ctx.db, input.projectId)),

  get: projectProcedure('viewer', byApplicationId)
    .input(z.object({ applicationId: id }))
    .output(applicationOutput)
    .query(({ ctx, input }) => getApplication(ctx.db, ctx.project.id, input.applicationId)),

  update: projectProcedure('editor', byApplicationId)
    .input(updateApplicationInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await updateApplication(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId);
      return { ok: true as const };
    }),

  delete: projectProcedure('editor', byApplicationId)
    .input(deleteApplicationInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await deleteApplication(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId);
      return { ok: true as const };
    }),
});
