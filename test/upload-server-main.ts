import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { POST } from '../app/api/uploads/models/route.ts';

// See test/upload-server.ts. Samples its own resident set size every 10 ms.
let peak = process.memoryUsage.rss();
setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10).unref();

const server = createServer((req, res) => {
  if (req.url === '/rss') {
    if (req.method === 'POST') peak = process.memoryUsage.rss();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ peak: Math.max(peak, process.memoryUsage.rss()), rss: process.memoryUsage.rss() }));
    return;
  }
  if (process.env.UPLOAD_SERVER_BARE) {
    // The baseline of the upload bench: a bare Node server streaming the body to a file.
    const file = path.join(process.env.MODEL_STAGING_DIR ?? '.', `bare-${randomBytes(6).toString('hex')}`);
    pipeline(req, createWriteStream(file))
      .then(() => res.end(JSON.stringify({ file })))
      .catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    return;
  }
  const controller = new AbortController();
  // As Next.js does: the request's signal aborts when the client goes away before the answer.
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
    method: req.method,
    headers,
    // As Next.js's NextRequestAdapter does: the IncomingMessage itself, which undici reads as an
    // async iterable (pulled, so backpressure reaches the socket).
    body: hasBody ? req : undefined,
    duplex: 'half',
    signal: controller.signal,
  } as RequestInit);
  POST(request)
    .then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })
    .catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`listening on http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
