import { z } from 'zod';
import { getUser } from '../domain/users/users.ts';
import { notFound } from '../errors.ts';
import { authedProcedure, router } from '../trpc/init.ts';

export const userRouter = router({
  /** Who the caller is: the person, or the token and the project it acts in. */
  me: authedProcedure
    .input(z.object({}).optional())
    .output(
      z.object({
        kind: z.enum(['user', 'token']),
        userId: z.number(),
        email: z.string(),
        name: z.string(),
        token: z.object({ id: z.number(), projectId: z.number(), role: z.string() }).nullable(),
      }),
    )
    .query(async ({ ctx }) => {
      const user = await getUser(ctx.db, ctx.actor.userId);
      if (!user) throw notFound('Your account');
      return {
        kind: ctx.actor.type,
        userId: user.id,
        email: user.email,
        name: user.name,
        token: ctx.actor.type === 'token' ? { id: ctx.actor.tokenId, projectId: ctx.actor.projectId, role: ctx.actor.role } : null,
      };
    }),
});
