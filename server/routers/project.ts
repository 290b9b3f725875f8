import { z } from 'zod';
import { createProject, createProjectInput, getProject, listProjects, projectOutput } from '../domain/projects/projects.ts';
import { listMembers, memberOutput, removeMember, removeMemberInput, setMember, setMemberInput } from '../domain/projects/members.ts';
import { setApprover, setApproverInput } from '../domain/projects/approvers.ts';
import { id } from '../domain/names.ts';
import { notFound } from '../errors.ts';
import { authedProcedure, projectProcedure, router } from '../trpc/init.ts';

export const projectRouter = router({
  list: authedProcedure
    .input(z.object({}).optional())
    .output(z.array(projectOutput))
    .query(({ ctx }) => listProjects(ctx.db, ctx.actor)),

  get: projectProcedure('viewer')
    .input(z.object({ projectId: id }))
    .output(projectOutput)
    .query(async ({ ctx, input }) => {
      const project = await getProject(ctx.db, input.projectId);
      if (!project) throw notFound('The project');
      return {
        id: project.id,
        name: project.name,
        description: project.description,
        role: ctx.project.role,
        createdAt: project.createdAt.toISOString(),
      };
    }),

  create: authedProcedure
    .input(createProjectInput)
    .output(z.object({ projectId: z.number() }))
    .mutation(({ ctx, input }) => createProject(ctx.db, ctx.actor, input, ctx.requestId)),

  members: projectProcedure('viewer')
    .input(z.object({ projectId: id }))
    .output(z.array(memberOutput))
    .query(({ ctx, input }) => listMembers(ctx.db, input.projectId)),

  setMember: projectProcedure('admin')
    .input(setMemberInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await setMember(ctx.db, ctx.actor, input, { createMissingUsers: ctx.ssoEnabled, requestId: ctx.requestId });
      return { ok: true as const };
    }),

  /** The approver right (deciding gated promotions), a flag beside the member's role. */
  setApprover: projectProcedure('admin')
    .input(setApproverInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await setApprover(ctx.db, ctx.actor, input, ctx.requestId);
      return { ok: true as const };
    }),

  removeMember: projectProcedure('admin')
    .input(removeMemberInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await removeMember(ctx.db, ctx.actor, input, ctx.requestId);
      return { ok: true as const };
    }),
});
