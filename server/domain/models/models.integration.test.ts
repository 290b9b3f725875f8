import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import { modelCopies, models } from '../../../db/schema/models.ts';
import { services } from '../../../db/schema/services.ts';
import { insertService } from '../../../test/cluster-fixtures.ts';
import { discardModels, makeApplication, makeCluster } from '../../../test/deploy-fixtures.ts';
import { callerAs, errorOf, makeProject, makeUser, type TestUser } from '../../../test/fixtures.ts';
import { makeModel, useFsStorage, useS3Storage } from '../../../test/model-fixtures.ts';
import { startS3, type S3Server } from '../../../test/s3.ts';
import { fsStorage } from '../../storage/fs.ts';
import { storedSha256 } from '../../storage/hash.ts';
import { s3Storage } from '../../storage/s3.ts';
import type { ModelStorage } from '../../storage/storage.ts';
import { copyModelToCluster } from './copy.ts';
import { modelKey } from './fields.ts';
import { removeModelFiles } from './remove-files.ts';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const quick = { backoffMs: () => 10 };

describe('models: copies, queries and deletion', () => {
  let s3: S3Server;
  let dir: string;
  let staging: ModelStorage;
  let owner: TestUser;
  let projectId: number;
  let applicationId: number;
  let appName: string;
  let fsCluster: number;
  let s3Cluster: number;
  let serviceId: number;

  beforeAll(async () => {
    s3 = await startS3();
    dir = await mkdtemp(path.join(tmpdir(), 'drucker-models-'));
    staging = fsStorage(path.join(dir, 'staging'));
    owner = await makeUser('models');
    projectId = await makeProject(owner, 'models');
    applicationId = await makeApplication(projectId);
    appName = (await db().select().from(applications).where(eq(applications.id, applicationId)))[0]!.name;
    fsCluster = await makeCluster(projectId);
    await useFsStorage(fsCluster, path.join(dir, 'fs-cluster'));
    s3Cluster = await makeCluster(projectId);
    await useS3Storage(s3Cluster, s3, 'drucker-models-test');
    serviceId = (await insertService({ applicationId, clusterId: fsCluster, level: 'development', displayName: 'iris dev' })).serviceId;
    await insertService({ applicationId, clusterId: s3Cluster, level: 'production', displayName: 'iris prod' });
  });

  afterAll(async () => {
    await discardModels(applicationId);
    await s3.close();
    await rm(dir, { recursive: true, force: true });
  });

  const bucket = () => s3Storage({ bucket: 'drucker-models-test', prefix: 'models', endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
  const copyRow = async (modelId: number, clusterId: number) =>
    (await db().select().from(modelCopies).where(and(eq(modelCopies.modelId, modelId), eq(modelCopies.clusterId, clusterId))))[0];

  it('an upload asks for a copy to each cluster of the application; copies land verified on disk and in the bucket', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 7);
    const modelId = await makeModel(owner.actor, projectId, applicationId, { bytes, name: 'iris', version: '1', staging });
    expect((await copyRow(modelId, fsCluster))?.status).toBe('pending');
    expect((await copyRow(modelId, s3Cluster))?.status).toBe('pending');

    let seen = 0;
    expect(await copyModelToCluster(db(), { modelId, clusterId: fsCluster }, { staging, onProgress: (bytes) => (seen = bytes) })).toEqual({ status: 'verified' });
    expect(seen).toBe(bytes.length);
    expect(await copyModelToCluster(db(), { modelId, clusterId: s3Cluster }, { staging })).toEqual({ status: 'verified' });

    const key = `${appName}/iris-1/model.bin`;
    expect(sha(await readFile(path.join(dir, 'fs-cluster', key)))).toBe(sha(bytes));
    expect(await storedSha256(bucket(), key)).toBe(sha(bytes));

    const copies = await callerAs(owner.actor).model.copies({ modelId });
    expect(copies.map((c) => ({ clusterId: c.clusterId, status: c.status, bytesCopied: c.bytesCopied, error: c.error }))).toEqual(
      expect.arrayContaining([
        { clusterId: fsCluster, status: 'verified', bytesCopied: bytes.length, error: null },
        { clusterId: s3Cluster, status: 'verified', bytesCopied: bytes.length, error: null },
      ]),
    );
    // Asked again, a verified copy whose file is there is left alone.
    expect(await copyModelToCluster(db(), { modelId, clusterId: fsCluster }, { staging })).toEqual({ status: 'verified' });
  });

  it('lists and reads models with their uploader, and edits the description', async () => {
    const modelId = await makeModel(owner.actor, projectId, applicationId, { name: 'listed', version: '2', staging });
    const caller = callerAs(owner.actor);
    const list = await caller.model.list({ applicationId });
    expect(list.map((m) => m.id)).toContain(modelId);
    const model = await caller.model.get({ modelId });
    expect(model).toMatchObject({ id: modelId, name: 'listed', version: '2', uploadedBy: { id: owner.id, email: owner.email }, description: null, runningOn: [], ranBefore: [] });
    expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
    await caller.model.update({ modelId, description: 'sepal lengths' });
    expect((await caller.model.get({ modelId })).description).toBe('sepal lengths');
  });

  it('detects a corrupt copy: sha-256 mismatch at the destination fails the copy after its retries and removes it; a retry after the fix verifies', async () => {
    const bytes = randomBytes(512 * 1024);
    const modelId = await makeModel(owner.actor, projectId, applicationId, { bytes, name: 'corrupt', version: '1', staging });
    const [model] = await db().select().from(models).where(eq(models.id, modelId));
    // The staged file rots on disk (same size, different bytes): every copy of it is wrong.
    const stagedPath = path.join(dir, 'staging', model!.storageKey);
    await writeFile(stagedPath, randomBytes(bytes.length));
    const outcome = await copyModelToCluster(db(), { modelId, clusterId: fsCluster }, { staging, ...quick });
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.error).toMatch(/failed after 3 attempts: the sha-256 of the copy in the cluster's storage is [0-9a-f]{64}, not the model's/);
    expect(await copyRow(modelId, fsCluster)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await fsStorage(path.join(dir, 'fs-cluster')).stat(modelKey(appName, model!))).toBeNull();

    const caller = callerAs(owner.actor);
    expect((await errorOf(caller.model.retryCopy({ modelId, clusterId: s3Cluster }))).code).toBe('PRECONDITION_FAILED'); // still pending
    await writeFile(stagedPath, bytes);
    await caller.model.retryCopy({ modelId, clusterId: fsCluster });
    expect((await copyRow(modelId, fsCluster))?.status).toBe('pending');
    expect(await copyModelToCluster(db(), { modelId, clusterId: fsCluster }, { staging })).toEqual({ status: 'verified' });
  });

  it('two workers asked for the same copy at once copy it once', async () => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const modelId = await makeModel(owner.actor, projectId, applicationId, { bytes, name: 'parallel', version: '1', staging });
    const outcomes = await Promise.all([1, 2, 3].map(() => copyModelToCluster(db(), { modelId, clusterId: s3Cluster }, { staging })));
    expect(outcomes.filter((o) => o.status === 'verified').length).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((o) => o.status === 'verified' || o.status === 'busy')).toBe(true);
    expect(await copyRow(modelId, s3Cluster)).toMatchObject({ status: 'verified', attempts: 1 });
  });

  it('refuses to delete a model a service runs, naming it; otherwise removes its files everywhere, then the row', async () => {
    const bytes = randomBytes(1024);
    const modelId = await makeModel(owner.actor, projectId, applicationId, { bytes, name: 'doomed', version: '1', staging });
    await copyModelToCluster(db(), { modelId, clusterId: fsCluster }, { staging });
    await copyModelToCluster(db(), { modelId, clusterId: s3Cluster }, { staging });
    const caller = callerAs(owner.actor);
    await db().update(services).set({ currentModelId: modelId }).where(eq(services.id, serviceId));
    const refused = await errorOf(caller.model.delete({ modelId }));
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('iris dev (development)') });
    expect((await caller.model.get({ modelId })).runningOn.map((s) => s.id)).toEqual([serviceId]);
    await db().update(services).set({ currentModelId: null }).where(eq(services.id, serviceId));

    await caller.model.delete({ modelId });
    expect((await caller.model.get({ modelId })).deleting).toBe(true);
    const [model] = await db().select().from(models).where(eq(models.id, modelId));
    const key = modelKey(appName, model!);
    expect(await removeModelFiles(db(), modelId, { staging })).toBe('removed');
    expect(await db().select().from(models).where(eq(models.id, modelId))).toEqual([]);
    expect(await staging.stat(model!.storageKey)).toBeNull();
    expect(await fsStorage(path.join(dir, 'fs-cluster')).stat(key)).toBeNull();
    expect(await bucket().stat(key)).toBeNull();
    expect((await errorOf(caller.model.get({ modelId }))).code).toBe('NOT_FOUND');
  });
});
