// Cross-site request forgery: a browser attaches the session cookie to a POST from any site (the
// cookie is SameSite=Lax, which still allows some cross-site requests and every same-site one, e.g.
// from another app on a sibling subdomain). Browsers send Origin with every POST, so a
// cookie-authenticated POST whose Origin is not the portal's own is refused. API tokens are not
// attached by browsers, so calls that send one are not affected.
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;

export function isCrossSiteCookieMutation(req: Request, portalUrl: string | undefined): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  if (req.headers.get('authorization')) return false;
  if (!SESSION_COOKIE.test(req.headers.get('cookie') ?? '')) return false;
  const origin = req.headers.get('origin');
  if (!origin || !URL.canParse(origin)) return true;
  const { host, origin: normalized } = new URL(origin);
  if (portalUrl && URL.canParse(portalUrl) && new URL(portalUrl).origin === normalized) return false;
  // The Host header names the server the browser connected to, which another site cannot change.
  return host !== req.headers.get('host');
}
