import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ModelStorage } from './storage.ts';

/** A pass-through that hashes what flows through it; `digest()` once the stream has ended. */
export function sha256Tap(): Transform & { digest: () => string } {
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  let digest: string | undefined;
  return Object.assign(tap, { digest: () => (digest ??= hash.digest('hex')) });
}

/** The sha-256 of a stored object, read back from the storage itself. */
export async function storedSha256(storage: ModelStorage, key: string, options: { signal?: AbortSignal; onProgress?: (bytes: number) => void } = {}): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  const body: Readable = await storage.get(key, { signal: options.signal });
  await pipeline(
    body,
    async function (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hash.update(chunk);
        bytes += chunk.length;
        options.onProgress?.(bytes);
      }
    },
    { signal: options.signal },
  );
  return hash.digest('hex');
}
