import { randomBytes } from 'node:crypto';
import { constants, createReadStream, createWriteStream, ReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey, StorageNotFoundError, type ModelStorage, type PutOptions, type StoredObject } from './storage.ts';

/** Counts bytes on their way through, for progress reports. */
export function byteCounter(onProgress?: (bytes: number) => void): Transform & { bytes: () => number } {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      onProgress?.(bytes);
      callback(null, chunk);
    },
  });
  return Object.assign(counter, { bytes: () => bytes });
}

/** The path of a file stream that has not been read yet and reads the whole file, or null. */
function wholeFile(body: Readable): string | null {
  if (!(body instanceof ReadStream) || typeof body.path !== 'string' || body.bytesRead > 0 || body.readableDidRead) return null;
  const range = body as ReadStream & { start?: number; end?: number };
  return range.start === undefined && (range.end === undefined || range.end === Number.POSITIVE_INFINITY) ? body.path : null;
}

/** copyFile (copy_file_range, a reflink where the filesystem has them), reporting the size it has reached. */
async function copyWithProgress(source: string, destination: string, options: PutOptions): Promise<void> {
  options.signal?.throwIfAborted();
  const timer = options.onProgress
    ? setInterval(() => {
        stat(destination).then((info) => options.onProgress?.(info.size), () => undefined);
      }, 250)
    : undefined;
  try {
    await copyFile(source, destination, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
    options.signal?.throwIfAborted();
    options.onProgress?.((await stat(destination)).size);
  } finally {
    clearInterval(timer);
  }
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/** A directory on this host (relative paths resolve against the process's working directory). */
export function fsStorage(dir: string): ModelStorage {
  const root = path.resolve(dir);
  const file = (key: string) => path.join(root, ...checkKey(key).split('/'));

  return {
    description: `the directory ${root}`,

    async put(key: string, body: Readable, options: PutOptions = {}) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Written beside the target under a name no key can have (keys never start with a dot), then
      // renamed into place: readers see the whole file or none, and a failed write leaves nothing.
      const partial = path.join(path.dirname(target), `.partial-${randomBytes(8).toString('hex')}`);
      const counter = byteCounter(options.onProgress);
      try {
        const local = wholeFile(body);
        if (local) {
          // File to file (staging to a cluster directory): a kernel copy, several times faster
          // than passing the bytes through this process (measured in bench/models-copy.bench.ts).
          body.destroy();
          await copyWithProgress(local, partial, options);
        } else {
          await pipeline(body, counter, createWriteStream(partial, { flags: 'wx', highWaterMark: 4 * 1024 * 1024 }), { signal: options.signal });
        }
        await rename(partial, target);
        return { size: local ? (await stat(target)).size : counter.bytes() };
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },

    async get(key, options = {}) {
      const target = file(key);
      try {
        await stat(target);
      } catch (error) {
        if (isMissing(error)) throw new StorageNotFoundError(key, this.description);
        throw error;
      }
      return createReadStream(target, { signal: options.signal, highWaterMark: 4 * 1024 * 1024 });
    },

    async stat(key) {
      try {
        const info = await stat(file(key));
        return info.isFile() ? { size: info.size } : null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      const target = file(key);
      await rm(target, { force: true });
      // Empty directories left behind (the model's own, the application's) go too.
      let dir = path.dirname(target);
      while (dir.startsWith(root + path.sep)) {
        try {
          await rmdir(dir);
        } catch {
          break;
        }
        dir = path.dirname(dir);
      }
    },

    async list(prefix) {
      const found: StoredObject[] = [];
      const walk = async (dir: string, relative: string) => {
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch (error) {
          if (isMissing(error)) return;
          throw error;
        }
        for (const entry of entries) {
          if (entry.name.startsWith('.')) continue;
          const key = relative ? `${relative}/${entry.name}` : entry.name;
          if (entry.isDirectory()) {
            if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(path.join(dir, entry.name), key);
          } else if (entry.isFile() && key.startsWith(prefix)) {
            found.push({ key, size: (await stat(path.join(dir, entry.name))).size });
          }
        }
      };
      await walk(root, '');
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
  };
}
