import { NextResponse, type NextRequest } from 'next/server';
import { env } from './server/env.ts';
import { securityHeaders } from './server/http/security-headers.ts';

// Runs before every page and API route (Next.js 16 proxy, Node.js runtime): a fresh CSP nonce per
// request, and the security headers of server/http/security-headers.ts on every answer.
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const e = env();
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https' || !!e.NEXTAUTH_URL?.startsWith('https://');
  const headers = securityHeaders({ nonce, https, development: e.NODE_ENV === 'development', api: request.nextUrl.pathname.startsWith('/api/') });
  // Next.js takes the nonce for its scripts from the request's CSP header.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build assets are the same for everyone and carry no page. Uploads stay out: Next.js
  // copies a request body for the proxy and holds the route's copy in memory (cut at 10 MB), which
  // would break streamed model uploads; their route sets the same headers itself.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/uploads/).*)'],
};
