import NextAuth from 'next-auth';
import { authOptions } from '../../../../server/auth/options.ts';

export const dynamic = 'force-dynamic';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Built per request rather than at import, so `next build` needs no secrets in its environment.
async function handler(req: Request, context: RouteContext) {
  const handle = NextAuth(authOptions()) as (req: Request, ctx: { params: { nextauth: string[] } }) => Promise<Response>;
  return handle(req, { params: await context.params });
}

export { handler as GET, handler as POST };
