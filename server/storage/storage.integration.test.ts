import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type S3Server } from '../../test/s3.ts';
import { fsStorage } from './fs.ts';
import { sha256Tap, storedSha256 } from './hash.ts';
import { s3Storage } from './s3.ts';
import { StorageNotFoundError, type ModelStorage } from './storage.ts';

/** A stream of `size` pseudo-random bytes made chunk by chunk (never held whole), with its sha-256. */
function randomStream(size: number, options: { failAt?: number } = {}) {
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new Readable({
    read() {
      if (options.failAt !== undefined && sent >= options.failAt) {
        this.destroy(new Error('connection cut'));
        return;
      }
      if (sent >= size) return this.push(null);
      const chunk = randomBytes(Math.min(1024 * 1024, size - sent));
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

async function text(storage: ModelStorage, key: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

let s3: S3Server;
let dir: string;

beforeAll(async () => {
  s3 = await startS3();
  dir = await mkdtemp(path.join(tmpdir(), 'drucker-fs-storage-'));
});
afterAll(async () => {
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});

const drivers: { name: string; open: () => Promise<ModelStorage>; leftovers: () => Promise<string[]> }[] = [
  {
    name: 'filesystem',
    open: () => Promise.resolve(fsStorage(path.join(dir, 'root'))),
    // Partial files are hidden from list(); look at the directory itself.
    leftovers: async () => (await readdir(path.join(dir, 'root'), { recursive: true }).catch(() => [])).filter((name) => name.includes('.partial-')),
  },
  {
    name: 'S3 (s3rver)',
    open: async () => s3Storage(await s3.bucket('drucker-storage-test')),
    leftovers: () => Promise.resolve([]),
  },
];

describe.each(drivers)('$name storage', (driver) => {
  let storage: ModelStorage;
  beforeAll(async () => {
    storage = await driver.open();
  });

  it('puts, stats, gets, lists and deletes', async () => {
    const put = await storage.put('app/m-1/model.bin', Readable.from([Buffer.from('hello '), Buffer.from('model')]));
    expect(put.size).toBe(11);
    await storage.put('app/m-2/model.bin', Readable.from([Buffer.from('second')]));
    await storage.put('other/m-1/model.bin', Readable.from([Buffer.from('x')]));
    expect(await storage.stat('app/m-1/model.bin')).toEqual({ size: 11 });
    expect(await storage.stat('app/m-9/model.bin')).toBeNull();
    expect(await text(storage, 'app/m-1/model.bin')).toBe('hello model');
    expect(await storage.list('app/')).toEqual([
      { key: 'app/m-1/model.bin', size: 11 },
      { key: 'app/m-2/model.bin', size: 6 },
    ]);
    await storage.delete('app/m-1/model.bin');
    await storage.delete('app/m-1/model.bin'); // a missing object is not an error
    expect(await storage.stat('app/m-1/model.bin')).toBeNull();
    await expect(storage.get('app/m-1/model.bin')).rejects.toBeInstanceOf(StorageNotFoundError);
    expect((await storage.list('app/')).map((o) => o.key)).toEqual(['app/m-2/model.bin']);
  });

  it('streams a large file through (multipart on S3) and reads back the same sha-256', async () => {
    const size = 40 * 1024 * 1024 + 12345;
    const source = randomStream(size);
    let progress = 0;
    const put = await storage.put('big/m-1/model.bin', source.stream, { onProgress: (bytes) => (progress = bytes) });
    expect(put.size).toBe(size);
    expect(progress).toBe(size);
    expect(await storage.stat('big/m-1/model.bin')).toEqual({ size });
    expect(await storedSha256(storage, 'big/m-1/model.bin')).toBe(source.sha256());
  });

  it('puts a whole local file (a kernel copy on the filesystem) with its size and progress', async () => {
    const file = path.join(dir, `source-${driver.name.replace(/\W/g, '')}.bin`);
    const bytes = randomBytes(3 * 1024 * 1024 + 5);
    await writeFile(file, bytes);
    let progress = 0;
    const put = await storage.put('file/m-1/model.bin', createReadStream(file), { onProgress: (n) => (progress = n) });
    expect(put.size).toBe(bytes.length);
    expect(progress).toBe(bytes.length);
    expect(await storedSha256(storage, 'file/m-1/model.bin')).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('replaces an object whole', async () => {
    await storage.put('rep/m-1/model.bin', Readable.from([Buffer.from('first version')]));
    await storage.put('rep/m-1/model.bin', Readable.from([Buffer.from('second')]));
    expect(await text(storage, 'rep/m-1/model.bin')).toBe('second');
  });

  it('leaves nothing behind when the source fails half-way', async () => {
    const source = randomStream(30 * 1024 * 1024, { failAt: 20 * 1024 * 1024 });
    await expect(storage.put('cut/m-1/model.bin', source.stream)).rejects.toThrow();
    expect(await storage.stat('cut/m-1/model.bin')).toBeNull();
    expect(await storage.list('cut/')).toEqual([]);
    expect(await driver.leftovers()).toEqual([]);
  });

  it('leaves nothing behind when the put is aborted', async () => {
    const controller = new AbortController();
    const source = randomStream(64 * 1024 * 1024);
    const put = storage.put('abort/m-1/model.bin', source.stream, {
      signal: controller.signal,
      onProgress: (bytes) => bytes > 10 * 1024 * 1024 && controller.abort(),
    });
    await expect(put).rejects.toThrow();
    expect(await storage.stat('abort/m-1/model.bin')).toBeNull();
    expect(await driver.leftovers()).toEqual([]);
  });

  it('refuses keys that could leave its root', async () => {
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '.hidden/x', 'a\\b', '']) {
      await expect(storage.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(/not a storage key/);
    }
  });
});

describe('sha256Tap', () => {
  it('hashes what flows through', async () => {
    const tap = sha256Tap();
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.from([Buffer.from('abc')]).pipe(tap)) chunks.push(chunk as Buffer);
    expect(tap.digest()).toBe(createHash('sha256').update('abc').digest('hex'));
  });
});
