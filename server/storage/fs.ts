import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
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
        await pipeline(body, counter, createWriteStream(partial, { flags: 'wx' }), { signal: options.signal });
        await rename(partial, target);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return { size: counter.bytes() };
    },

    async get(key, options = {}) {
      const target = file(key);
      try {
        await stat(target);
      } catch (error) {
        if (isMissing(error)) throw new StorageNotFoundError(key, this.description);
        throw error;
      }
      return createReadStream(target, { signal: options.signal, highWaterMark: 1024 * 1024 });
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
