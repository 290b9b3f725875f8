import { describe, expect, it } from 'vitest';
import { errorFromNetwork, errorFromStatus, KubeError } from './errors.ts';

describe('errorFromStatus', () => {
  it('gives each status its kind and whether a retry can help', () => {
    const kinds = [400, 401, 403, 404, 409, 410, 422, 429, 500, 503, 504].map((code) => {
      const e = errorFromStatus(code, { message: `m${code}` }, 'GET x');
      return [code, e.kind, e.retryable];
    });
    expect(kinds).toEqual([
      [400, 'invalid', false],
      [401, 'unauthorized', false],
      [403, 'forbidden', false],
      [404, 'not_found', false],
      [409, 'conflict', true],
      [410, 'invalid', true],
      [422, 'invalid', false],
      [429, 'throttled', true],
      [500, 'server', true],
      [503, 'server', true],
      [504, 'timeout', true],
    ]);
  });

  it("keeps the server's Status message verbatim, with its reason and Retry-After", () => {
    const e = errorFromStatus(429, { message: 'Too many requests, please try again later.', reason: 'TooManyRequests', details: { retryAfterSeconds: 3 } }, 'PATCH x');
    expect(e).toMatchObject({ message: 'Too many requests, please try again later.', reason: 'TooManyRequests', retryAfterSeconds: 3, status: 429 });
    expect(errorFromStatus(503, undefined, 'GET /version', '7')).toMatchObject({ message: 'GET /version: HTTP 503', retryAfterSeconds: 7 });
  });
});

describe('errorFromNetwork', () => {
  const wrapped = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });

  it('tells DNS, refused, reset, timeout and TLS failures apart', () => {
    const server = 'https://k8s.example.com:6443';
    expect(errorFromNetwork(wrapped('ENOTFOUND'), server)).toMatchObject({ kind: 'unreachable', reason: 'dns', retryable: false, message: expect.stringContaining('k8s.example.com:6443 was not found') });
    expect(errorFromNetwork(wrapped('EAI_AGAIN'), server)).toMatchObject({ kind: 'unreachable', reason: 'dns', retryable: true });
    expect(errorFromNetwork(wrapped('ECONNREFUSED'), server)).toMatchObject({ kind: 'unreachable', reason: 'connect', retryable: true });
    expect(errorFromNetwork(wrapped('ECONNRESET'), server)).toMatchObject({ kind: 'unreachable', retryable: true });
    expect(errorFromNetwork(wrapped('UND_ERR_CONNECT_TIMEOUT'), server)).toMatchObject({ kind: 'timeout', retryable: true });
    expect(errorFromNetwork(wrapped('SELF_SIGNED_CERT_IN_CHAIN'), server)).toMatchObject({ kind: 'tls', retryable: false, message: expect.stringContaining('certificate signed by unknown authority') });
    expect(errorFromNetwork(wrapped('CERT_HAS_EXPIRED'), server).message).toContain('the server certificate has expired');
  });

  it('passes a KubeError through unchanged', () => {
    const e = new KubeError('forbidden', 'no');
    expect(errorFromNetwork(e, 'https://x')).toBe(e);
  });
});
