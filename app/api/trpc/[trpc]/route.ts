import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '../../../../server/trpc/context.ts';
import { appRouter } from '../../../../server/trpc/root.ts';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext(req),
    // Lets tools call queries with POST and a JSON body, as they call mutations (GET still works).
    allowMethodOverride: true,
  });
}

export { handler as GET, handler as POST };
