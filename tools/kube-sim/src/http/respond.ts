import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest } from '../errors.ts';
import { decodeProtobuf, PROTOBUF } from './protobuf.ts';

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const apiErr = err instanceof ApiError ? err : new ApiError(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, apiErr.code, apiErr.toStatus());
}

// Request bodies are small manifests; the cap only stops a runaway client.
const MAX_BODY = 8 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw new ApiError(413, 'RequestEntityTooLarge', 'the request body is too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

const ACCEPTED = ['application/json', 'application/yaml', PROTOBUF];

/**
 * JSON, YAML (apply patches, hand-written requests) or Kubernetes protobuf (kubectl's typed
 * commands); any other media type is a 415 Status, as the apiserver answers it.
 */
export function parseBody(buf: Buffer, contentType: string | undefined): unknown {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === PROTOBUF) return decodeProtobuf(buf);
  if (mediaType && !['application/json', 'application/yaml', 'yaml', 'json', 'text/plain', '*/*'].includes(mediaType) && !mediaType.endsWith('+json') && !mediaType.endsWith('+yaml')) {
    throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${ACCEPTED.join(', ')}`);
  }
  const text = buf.toString('utf8');
  if (!text.trim()) throw badRequest('the request body is empty');
  try {
    if ((contentType ?? '').includes('yaml')) return parseYaml(text) as unknown;
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badRequest(`the body of the request was in an unknown format: ${e instanceof Error ? e.message : String(e)}`);
  }
}
