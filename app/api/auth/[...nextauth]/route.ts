import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { MAX_AUTH_BODY_BYTES } from '../../../../server/http/api-limits.ts';
import { withBodyLimit } from '../../../../server/http/body-limit.ts';
import { authOptions } from '../../../../server/auth/options.ts';

export const dynamic = 'force-dynamic';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Built per request rather than at import, so `next build` needs no secrets in its environment.
async function handler(incoming: Request, context: RouteContext) {
  // next-auth reads whole form bodies; a sign-in form is a few hundred bytes.
  const req = await withBodyLimit(incoming, MAX_AUTH_BODY_BYTES);
  if (req instanceof Response) return req;
  const handle = NextAuth(authOptions()) as (req: Request, ctx: { params: { nextauth: string[] } }) => Promise<Response>;
  return handle(new NextRequest(req), { params: await context.params });
}

export { handler as GET, handler as POST };
