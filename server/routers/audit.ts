import { z } from 'zod';
import { auditListInput, auditListOutput, listAuditActions, listAuditEvents } from '../domain/audit/list.ts';
import { id } from '../domain/names.ts';
import { projectProcedure, router } from '../trpc/init.ts';

export const auditRouter = router({
  list: projectProcedure('viewer')
    .input(auditListInput)
    .output(auditListOutput)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, input)),

  actions: projectProcedure('viewer')
    .input(z.object({ projectId: id }))
    .output(z.array(z.string()))
    .query(({ ctx, input }) => listAuditActions(ctx.db, input.projectId)),
});
