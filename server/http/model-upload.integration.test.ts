import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client.ts';
import { models } from '../../db/schema/models.ts';
import { makeApplication } from '../../test/deploy-fixtures.ts';
import { addMember, makeProject, makeToken, makeUser, unique, type TestUser } from '../../test/fixtures.ts';
import { startUploadServer, type UploadServer } from '../../test/upload-server.ts';
import { eventually } from '../../test/wait.ts';
import { uploadModel } from '../domain/models/upload.ts';
import { AppError } from '../errors.ts';
import { fsStorage } from '../storage/fs.ts';

const MiB = 1024 * 1024;

/** `total` bytes made of one random MiB repeated, streamed; with the sha-256 of what was sent. */
function generated(total: number) {
  const block = randomBytes(MiB);
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const chunk = block.subarray(0, Math.min(MiB, total - sent));
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

/** Sends a body with node:http (streamed, with backpressure) and reads the JSON answer. */
function post(url: string, headers: Record<string, string | number>, body?: Readable | Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
    });
    req.on('error', reject);
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}

describe('POST /api/uploads/models', () => {
  let server: UploadServer;
  let staging: string;
  let admin: TestUser;
  let applicationId: number;
  let editorToken: string;
  let viewerToken: string;
  let outsiderToken: string;
  const url = (query: Record<string, string | number>) =>
    `${server.url}/api/uploads/models?${new URLSearchParams(Object.entries({ applicationId, ...query }).map(([k, v]) => [k, String(v)])).toString()}`;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const stagedFiles = async () => (await readdir(staging, { recursive: true, withFileTypes: true }).catch(() => [])).filter((entry) => entry.isFile()).map((entry) => entry.name);
  const rowsNamed = (name: string) => db().select().from(models).where(and(eq(models.applicationId, applicationId), eq(models.name, name)));

  beforeAll(async () => {
    staging = await mkdtemp(path.join(tmpdir(), 'drucker-staging-'));
    admin = await makeUser('upload-admin');
    const projectId = await makeProject(admin, 'upload');
    applicationId = await makeApplication(projectId);
    const editor = await addMember(projectId, admin, 'editor');
    editorToken = (await makeToken(projectId, editor, 'editor')).token;
    viewerToken = (await makeToken(projectId, admin, 'viewer')).token;
    const outsider = await makeUser('upload-outsider');
    outsiderToken = (await makeToken(await makeProject(outsider, 'other'), outsider, 'admin')).token;
    server = await startUploadServer({ MODEL_STAGING_DIR: staging, MODEL_MAX_UPLOAD_MB: '2048', LOG_LEVEL: 'error' });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await rm(staging, { recursive: true, force: true });
  });

  it('streams a 1 GiB model into staging with its sha-256, the server growing by less than 64 MiB', async () => {
    const size = 1024 * MiB;
    const source = generated(size);
    // A small upload first: loading modules and opening database connections is not the file's doing.
    await post(url({ name: unique('warm-up') }), { ...auth(editorToken), 'content-length': 3 }, Buffer.from('abc'));
    const before = await server.resetPeak();
    const name = unique('big');
    const answer = await post(url({ name, version: '1.0', fileName: 'weights.bin' }), { ...auth(editorToken), 'content-type': 'application/octet-stream', 'content-length': size }, source.stream);
    const { peak } = await server.peak();
    expect(answer.status).toBe(201);
    const [row] = await rowsNamed(name);
    expect(row).toMatchObject({ id: answer.body.modelId, version: '1.0', fileName: 'weights.bin', size, sha256: source.sha256() });
    expect(await fsStorage(staging).stat(row!.storageKey)).toEqual({ size });
    const growth = peak - before;
    console.log(`1 GiB upload: peak RSS growth ${(growth / MiB).toFixed(1)} MiB`);
    expect(growth).toBeLessThan(64 * MiB);
    await fsStorage(staging).delete(row!.storageKey);
  }, 300_000);

  it('keeps no row and no file when the connection is cut half-way', async () => {
    const name = unique('cut');
    const before = await stagedFiles();
    await new Promise<void>((resolve) => {
      const req = httpRequest(url({ name }), { method: 'POST', headers: { ...auth(editorToken), 'content-length': 200 * MiB } });
      req.on('error', () => resolve());
      req.on('response', () => resolve());
      let sent = 0;
      const block = randomBytes(MiB);
      const pump = () => {
        while (sent < 100 * MiB) {
          sent += MiB;
          if (!req.write(block)) return void req.once('drain', pump);
        }
        // Half-way: the socket goes, as when a laptop lid closes.
        req.socket?.destroy();
        resolve();
      };
      req.on('socket', pump);
    });
    await eventually('the partial file to be removed', async () => {
      const files = await stagedFiles();
      return files.length === before.length && files.every((file) => !file.startsWith('.partial-'));
    });
    expect(await rowsNamed(name)).toEqual([]);
  });

  it('keeps no row and no file when the client cancels', async () => {
    const name = unique('cancelled');
    const controller = new AbortController();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(stream) {
        sent += MiB;
        if (sent > 40 * MiB) controller.abort();
        else stream.enqueue(new Uint8Array(MiB));
      },
    });
    await expect(fetch(url({ name }), { method: 'POST', headers: auth(editorToken), body, duplex: 'half', signal: controller.signal } as RequestInit)).rejects.toThrow();
    await eventually('the partial file to be removed', async () => (await stagedFiles()).every((file) => !file.startsWith('.partial-')));
    expect(await rowsNamed(name)).toEqual([]);
  });

  it('accepts a multipart form with the file part', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('multipart model bytes')]), 'iris.pkl');
    const name = unique('multi');
    const response = await fetch(url({ name, description: 'from a form' }), { method: 'POST', headers: auth(editorToken), body: form });
    expect(response.status).toBe(201);
    const [row] = await rowsNamed(name);
    expect(row).toMatchObject({ fileName: 'iris.pkl', size: 21, version: 'v1', description: 'from a form', sha256: createHash('sha256').update('multipart model bytes').digest('hex') });
  });

  it('refuses what it cannot keep, with clear errors and nothing kept', async () => {
    const before = await stagedFiles();
    const send = (query: Record<string, string>, headers: Record<string, string | number> = auth(editorToken), body: Buffer = Buffer.from('model')) =>
      post(url(query), { 'content-length': body.length, ...headers }, body);

    expect(await send({ name: unique('empty') }, auth(editorToken), Buffer.alloc(0))).toMatchObject({ status: 400, body: { error: expect.stringMatching(/empty/) } });
    for (const name of ['../escape', '.hidden', 'a/b', 'a\\b', 'nul\0l', '']) {
      const answer = await send({ name });
      expect(answer.status, name).toBe(400);
      expect(answer.body.error).toMatch(/model name/);
    }
    expect((await send({ name: 'ok', version: '..' })).status).toBe(400);
    expect((await send({ name: 'ok', fileName: '.bashrc' })).status).toBe(400);
    const name = unique('dup');
    expect((await send({ name, version: '1' })).status).toBe(201);
    expect(await send({ name, version: '1' })).toMatchObject({ status: 409, body: { error: expect.stringMatching(/already exists/) } });
    // The next free version when none is given.
    expect((await send({ name })).status).toBe(201);
    expect((await rowsNamed(name)).map((row) => row.version).sort()).toEqual(['1', 'v2']);
    expect(await send({ name: unique('big') }, { ...auth(editorToken), 'content-length': 2049 * MiB }, Buffer.alloc(0))).toMatchObject({ status: 413 });

    expect(await send({ name: unique('anon') }, {})).toMatchObject({ status: 401 });
    expect(await send({ name: unique('bad') }, auth('drk_not-a-token'))).toMatchObject({ status: 401 });
    expect(await send({ name: unique('viewer') }, auth(viewerToken))).toMatchObject({ status: 403, body: { error: expect.stringMatching(/editor/) } });
    expect((await send({ name: unique('outsider') }, auth(outsiderToken))).status).toBe(404);
    expect((await post(`${server.url}/api/uploads/models?applicationId=999999999&name=x`, { ...auth(editorToken), 'content-length': 1 }, Buffer.from('x'))).status).toBe(404);
    // Only the two accepted uploads were kept.
    expect((await stagedFiles()).length).toBe(before.length + 2);
  });

  it('stops reading at the size limit when no length was declared', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'drucker-limit-'));
    const staged = fsStorage(dir);
    const name = unique('limit');
    const error = await uploadModel(db(), admin.actor, await projectOfApp(), { applicationId, name }, generated(5 * MiB).stream, {
      staging: staged,
      maxBytes: 2 * MiB,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await readdir(dir, { recursive: true })).toEqual(expect.not.arrayContaining([expect.stringContaining('partial')]));
    expect(await staged.list('')).toEqual([]);
    expect(await rowsNamed(name)).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });

  const projectOfApp = async () => {
    const { projectOfApplication } = await import('../domain/applications/read.ts');
    return (await projectOfApplication(db(), applicationId))!;
  };
});
