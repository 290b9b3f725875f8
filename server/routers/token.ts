import { z } from 'zod';
import { id } from '../domain/names.ts';
import { createToken, createTokenInput, listTokens, revokeToken, revokeTokenInput, tokenOutput } from '../domain/tokens/tokens.ts';
import { projectProcedure, router } from '../trpc/init.ts';
import { byTokenId } from '../trpc/scopes.ts';

export const tokenRouter = router({
  create: projectProcedure('admin')
    .input(createTokenInput)
    .output(z.object({ tokenId: z.number(), token: z.string() }))
    .mutation(({ ctx, input }) => createToken(ctx.db, ctx.actor, input, ctx.requestId)),

  list: projectProcedure('admin')
    .input(z.object({ projectId: id }))
    .output(z.array(tokenOutput))
    .query(({ ctx, input }) => listTokens(ctx.db, input.projectId)),

  revoke: projectProcedure('admin', byTokenId)
    .input(revokeTokenInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeToken(ctx.db, ctx.actor, input.tokenId, ctx.requestId);
      return { ok: true as const };
    }),
});
