// The client address that sign-in throttling counts. A client can send any X-Forwarded-For, so it
// is only read when TRUSTED_PROXY_HOPS says how many proxies of ours append to it; otherwise the
// address is the connection's own, which instrumentation-node.ts copies into CLIENT_ADDRESS_HEADER
// for every request (replacing whatever a client sent under that name).
export const CLIENT_ADDRESS_HEADER = 'x-drucker-client-address';

type Headers = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  if (typeof headers.get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The client's address, or null when it cannot be known (no trusted hop, and the stamp missing). */
export function clientAddress(headers: Headers, trustedProxyHops: number): string | null {
  if (trustedProxyHops > 0) {
    const hops = (header(headers, 'x-forwarded-for') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    // Each trusted proxy appends the address it saw; entries left of those are the client's claims.
    const seen = hops[hops.length - trustedProxyHops];
    if (seen) return seen.slice(0, 64);
  }
  return header(headers, CLIENT_ADDRESS_HEADER)?.slice(0, 64) || null;
}
