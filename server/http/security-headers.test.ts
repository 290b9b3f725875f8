import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

describe('securityHeaders', () => {
  it('gives pages a nonce-based CSP that refuses framing, with HSTS only over https', () => {
    const http = securityHeaders({ nonce: 'abc', https: false, development: false, api: false });
    expect(http['Content-Security-Policy']).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(http['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(http['Content-Security-Policy']).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
    expect(http['Strict-Transport-Security']).toBeUndefined();
    expect(http['Cache-Control']).toBeUndefined();
    const https = securityHeaders({ nonce: 'abc', https: true, development: false, api: false });
    expect(https['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    expect(https['Content-Security-Policy']).toContain('upgrade-insecure-requests');
    expect(securityHeaders({ nonce: 'abc', https: false, development: true, api: false })['Content-Security-Policy']).toContain("'unsafe-eval'");
  });

  it('marks API answers no-store', () => {
    const api = securityHeaders({ nonce: 'abc', https: true, development: false, api: true });
    expect(api).toMatchObject({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
  });
});
