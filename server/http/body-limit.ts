import { apiError } from './api-errors.ts';

/**
 * The request with its body read, or a 413 once the body passes `maxBytes`: a declared length over
 * the cap is refused before a byte is read, and an undeclared (chunked) one is cut off as soon as
 * it passes. API bodies are JSON of at most a kubeconfig's size, so holding one is fine; model
 * files have their own streaming upload route.
 */
export async function withBodyLimit(req: Request, maxBytes: number): Promise<Request | Response> {
  if (!req.body || req.method === 'GET' || req.method === 'HEAD') return req;
  const tooLarge = () => apiError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${Math.round(maxBytes / 1024)} KiB, the most this endpoint accepts.`);
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await req.body.cancel().catch(() => undefined);
    return tooLarge();
  }
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  const headers = new Headers(req.headers);
  headers.delete('content-length');
  return new Request(req.url, { method: req.method, headers, body: Buffer.concat(chunks), signal: req.signal });
}
