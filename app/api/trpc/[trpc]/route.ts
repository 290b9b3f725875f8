import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { apiError } from '../../../../server/http/api-errors.ts';
import { MAX_API_BODY_BYTES, MAX_BATCH_CALLS } from '../../../../server/http/api-limits.ts';
import { withBodyLimit } from '../../../../server/http/body-limit.ts';
import { isCrossSiteCookieMutation } from '../../../../server/http/same-origin.ts';
import { env } from '../../../../server/env.ts';
import { createContext } from '../../../../server/trpc/context.ts';
import { appRouter } from '../../../../server/trpc/root.ts';

export const dynamic = 'force-dynamic';

async function handler(incoming: Request) {
  if (isCrossSiteCookieMutation(incoming, env().NEXTAUTH_URL)) {
    return apiError(403, 'FORBIDDEN', 'This request came from another site (its Origin is not the portal), so the session cookie is not accepted for it.');
  }
  const req = await withBodyLimit(incoming, MAX_API_BODY_BYTES);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext(req),
    // Lets tools call queries with POST and a JSON body, as they call mutations (GET still works).
    allowMethodOverride: true,
    maxBatchSize: MAX_BATCH_CALLS,
    // Answers carry project data and differ per caller: never stored by browsers or proxies.
    responseMeta: () => ({ headers: { 'cache-control': 'no-store' } }),
  });
}

export { handler as GET, handler as POST };
