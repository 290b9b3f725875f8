// Headers every answer carries (proxy.ts sets them). Pages get a Content-Security-Policy whose
// scripts must carry this request's nonce — Next.js reads it from the request's CSP header and puts
// it on its own scripts — so injected markup cannot run script, and frame-ancestors 'none' keeps
// other sites (same-site ones included) from framing a signed-in page and its buttons.

export type SecurityHeaderOptions = { nonce: string; https: boolean; development: boolean; api: boolean };

export function contentSecurityPolicy({ nonce, https, development }: Omit<SecurityHeaderOptions, 'api'>): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its debugging aids; production never needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    // Radix positions menus and dialogs with inline style attributes, which nonces cannot cover;
    // styles cannot run script, so they stay allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': options.api ? "default-src 'none'; frame-ancestors 'none'" : contentSecurityPolicy(options),
  };
  // Only over https: a browser that saw HSTS on a plain-http demo would refuse it afterwards.
  if (options.https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  // API answers (tRPC data, next-auth's session and CSRF token) are per person: never cached.
  if (options.api) headers['Cache-Control'] = 'no-store';
  return headers;
}
