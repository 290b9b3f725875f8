import { z } from 'zod';
import { decideRun } from '../domain/promotions/approve.ts';
import { createPolicyInput, decisionOutput, pauseInput, policyIdInput, policyOutput, runIdInput, runOutput, runsInput, updatePolicyInput } from '../domain/promotions/inputs.ts';
import { listPins, pinOutput, unpin, unpinInput } from '../domain/promotions/pins.ts';
import { getPolicy, listPolicies } from '../domain/promotions/policy-read.ts';
import { createPolicy, deletePolicy, pausePolicy, updatePolicy } from '../domain/promotions/policy-write.ts';
import { listRuns } from '../domain/promotions/runs.ts';
import { runPolicyNow } from '../domain/promotions/tick.ts';
import { promotionRunStatuses } from '../../db/schema/promotions.ts';
import { id } from '../domain/names.ts';
import { projectProcedure, router } from '../trpc/init.ts';
import { byApplicationId, byPolicyId, byRunId, byServiceId } from '../trpc/scopes.ts';

const ok = z.object({ ok: z.literal(true) });

// Policies are an admin's; approvals need the approver right (checked in the domain, since it is
// a flag beside the role), so approve/reject are open to every member here and refused there.
export const promotionRouter = router({
  list: projectProcedure('viewer', byApplicationId)
    .input(z.object({ applicationId: id }))
    .output(z.array(policyOutput))
    .query(({ ctx, input }) => listPolicies(ctx.db, ctx.project.id, input.applicationId)),

  get: projectProcedure('viewer', byPolicyId)
    .input(policyIdInput)
    .output(policyOutput)
    .query(({ ctx, input }) => getPolicy(ctx.db, ctx.project.id, input.policyId)),

  create: projectProcedure('admin', byApplicationId)
    .input(createPolicyInput)
    .output(z.object({ policyId: z.number() }))
    .mutation(({ ctx, input }) => createPolicy(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId)),

  update: projectProcedure('admin', byPolicyId)
    .input(updatePolicyInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await updatePolicy(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId);
      return { ok: true as const };
    }),

  /** `paused: false` resumes. */
  pause: projectProcedure('admin', byPolicyId)
    .input(pauseInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await pausePolicy(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId);
      return { ok: true as const };
    }),

  delete: projectProcedure('admin', byPolicyId)
    .input(policyIdInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await deletePolicy(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId);
      return { ok: true as const };
    }),

  runs: projectProcedure('viewer', byPolicyId)
    .input(runsInput)
    .output(z.array(runOutput))
    .query(({ ctx, input }) => listRuns(ctx.db, ctx.project.id, input)),

  approve: projectProcedure('viewer', byRunId)
    .input(runIdInput)
    .output(decisionOutput)
    .mutation(({ ctx, input }) => decideRun(ctx.db, ctx.actor, ctx.project.id, input, 'approve', ctx.requestId)),

  reject: projectProcedure('viewer', byRunId)
    .input(runIdInput)
    .output(decisionOutput)
    .mutation(({ ctx, input }) => decideRun(ctx.db, ctx.actor, ctx.project.id, input, 'reject', ctx.requestId)),

  /** A run now, outside the schedule (the gates and the window still apply). */
  runNow: projectProcedure('admin', byPolicyId)
    .input(policyIdInput)
    .output(z.object({ runId: z.number(), status: z.enum(promotionRunStatuses), reason: z.string(), rolloutId: z.number().nullable() }))
    .mutation(({ ctx, input }) => runPolicyNow(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId)),

  pins: projectProcedure('viewer', byApplicationId)
    .input(z.object({ applicationId: id }))
    .output(z.array(pinOutput))
    .query(({ ctx, input }) => listPins(ctx.db, ctx.project.id, input.applicationId)),

  /** Lets policies promote a rolled-back model to that service again. */
  unpin: projectProcedure('admin', byServiceId)
    .input(unpinInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await unpin(ctx.db, ctx.actor, ctx.project.id, input, ctx.requestId);
      return { ok: true as const };
    }),
});
