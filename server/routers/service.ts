import { z } from 'zod';
import { createService } from '../domain/services/create.ts';
import { deleteService } from '../domain/services/delete.ts';
import { serviceOutput, serviceSummaryOutput } from '../domain/services/dto.ts';
import { createServiceInput, deleteServiceInput, restartServiceInput, updateServiceInput } from '../domain/services/inputs.ts';
import { getService, listServices, listServicesInput } from '../domain/services/queries.ts';
import { restartService } from '../domain/services/restart.ts';
import { serviceLogs, serviceLogsInput, serviceLogsOutput } from '../domain/services/logs.ts';
import { switchModel, switchModelInput } from '../domain/services/switch-model.ts';
import { updateService } from '../domain/services/update.ts';
import { id } from '../domain/names.ts';
import { liveChanges } from '../live/subscribe.ts';
import { projectProcedure, router } from '../trpc/init.ts';
import { byApplicationId, byServiceId } from '../trpc/scopes.ts';

const rolloutStarted = z.object({ rolloutId: z.number() });

export const serviceRouter = router({
  list: projectProcedure('viewer', byApplicationId)
    .input(listServicesInput)
    .output(z.array(serviceSummaryOutput))
    .query(({ ctx, input }) => listServices(ctx.db, ctx.project.id, input)),

  get: projectProcedure('viewer', byServiceId)
    .input(z.object({ serviceId: id }))
    .output(serviceOutput)
    .query(({ ctx, input }) => getService(ctx.db, ctx.project.id, input.serviceId)),

  /** The last lines of a pod's log (the newest pod unless one is named), read from the cluster now. */
  logs: projectProcedure('viewer', byServiceId)
    .input(serviceLogsInput)
    .output(serviceLogsOutput)
    .query(({ ctx, input, signal }) => serviceLogs(ctx.db, ctx.project.id, input, signal)),

  create: projectProcedure('editor', byApplicationId)
    .input(createServiceInput)
    .output(z.object({ serviceId: z.number(), rolloutId: z.number() }))
    .mutation(({ ctx, input }) => createService(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId)),

  /** A spec change starts an `update` rollout; settings alone (name, description, auto-rollback) return a null rolloutId. */
  update: projectProcedure('editor', byServiceId)
    .input(updateServiceInput)
    .output(z.object({ rolloutId: z.number().nullable() }))
    .mutation(({ ctx, input }) => updateService(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId)),

  /** The original's "Switch Models": a `model_switch` rollout to the model (of the same application). */
  switchModel: projectProcedure('editor', byServiceId)
    .input(switchModelInput)
    .output(rolloutStarted)
    .mutation(({ ctx, input }) => switchModel(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId)),

  restart: projectProcedure('editor', byServiceId)
    .input(restartServiceInput)
    .output(rolloutStarted)
    .mutation(({ ctx, input }) => restartService(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId)),

  /**
   * Live changes of an application's services (or one service): ids only, as server-sent events.
   * On each event, and on `resync` (notices may have been missed), the page reads the rows again.
   */
  changes: projectProcedure('viewer', byApplicationId)
    .input(z.object({ applicationId: id, serviceId: id.optional() }))
    .subscription(({ input, signal }) =>
      liveChanges((notice) => notice.applicationId === input.applicationId && (input.serviceId === undefined || notice.serviceId === input.serviceId), signal),
    ),

  delete: projectProcedure('editor', byServiceId)
    .input(deleteServiceInput)
    .output(rolloutStarted)
    .mutation(({ ctx, input }) => deleteService(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId)),
});
