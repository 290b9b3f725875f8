import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { PodList } from 'kubernetes-types/core/v1';
import type { Runner } from 'graphile-worker';
import { eq } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client.ts';
import { clusters } from '../../db/schema/clusters.ts';
import { models } from '../../db/schema/models.ts';
import { readModelAssignment, type ServiceDatabase } from '../../db/runtime/model-assignments.ts';
import { writeServiceDbPassword } from '../../server/domain/clusters/secrets.ts';
import { getRollout } from '../../server/domain/rollouts/queries.ts';
import { env } from '../../server/env.ts';
import { closeQueue } from '../../server/jobs/queue.ts';
import { closePublisher } from '../../server/live/publish.ts';
import { discardModels, discardQueuedRollouts, makeApplication } from '../../test/deploy-fixtures.ts';
import { callerAs, makeProject, makeUser, type TestUser } from '../../test/fixtures.ts';
import { registerSimCluster, simAdmin, startTestKubeSim } from '../../test/kube-sim.ts';
import { makeModel, useFsStorage } from '../../test/model-fixtures.ts';
import { eventually } from '../../test/wait.ts';
import { startTestWorker } from '../../test/worker.ts';
import type { KubeSim } from '../../tools/kube-sim/src/index.ts';

// A model switch end to end: the API, the queue and worker (model-copy and rollout tasks), the
// model's copy verified in the cluster's storage, the runtime's model_assignments row in a real
// MariaDB database of its own, and kube-sim's pods with DRUCKER_SERVICE_MODEL_FILE.

let sim: KubeSim;
let worker: Runner;
let editor: TestUser;
let projectId: number;
let applicationId: number;
let clusterId: number;
let storageDir: string;
let runtimeDb: ServiceDatabase;
const api = () => callerAs(editor.actor);

/** The test database server's own account, which makes the runtime's database and user. */
function serverAdmin() {
  const url = new URL(env().DATABASE_URL);
  return mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) || undefined });
}

const ended = (rolloutId: number) =>
  eventually(`rollout ${rolloutId} to end`, async () => {
    const rollout = await getRollout(db(), projectId, rolloutId);
    return ['succeeded', 'failed', 'cancelled', 'superseded'].includes(rollout.status) && rollout;
  }, 60_000);

async function podEnv(serviceId: number): Promise<Record<string, string | undefined>[]> {
  const pods = (await simAdmin(sim, `/api/v1/namespaces/development/pods?labelSelector=drucker.io/service-id=${serviceId}`, undefined, 'GET')) as PodList;
  return pods.items
    .filter((pod) => !pod.metadata?.deletionTimestamp)
    .map((pod) => Object.fromEntries((pod.spec?.containers[0]?.env ?? []).map((e) => [e.name, e.value])));
}

async function deployment(k8sName: string): Promise<Deployment> {
  return (await simAdmin(sim, `/apis/apps/v1/namespaces/development/deployments/${k8sName}`, undefined, 'GET')) as Deployment;
}

beforeAll(async () => {
  sim = await startTestKubeSim({ speed: 50 });
  editor = await makeUser('switch-editor');
  projectId = await makeProject(editor, 'switch');
  applicationId = await makeApplication(projectId, `iris-${randomBytes(3).toString('hex')}`);
  clusterId = await registerSimCluster(projectId, sim, { dnsName: 'ml.example.test' });
  storageDir = await mkdtemp(path.join(tmpdir(), 'drucker-switch-'));
  await useFsStorage(clusterId, storageDir);
  // The runtime's database: a database of its own on the local server, as a cluster's would be.
  const url = new URL(env().DATABASE_URL);
  const suffix = randomBytes(4).toString('hex');
  runtimeDb = { host: url.hostname, port: Number(url.port || 3306), database: `drucker_runtime_${suffix}`, user: `drucker_rt_${suffix}`, password: randomBytes(12).toString('hex') };
  const admin = await serverAdmin();
  await admin.query(`CREATE DATABASE ${runtimeDb.database}`);
  await admin.query(`CREATE USER '${runtimeDb.user}'@'%' IDENTIFIED BY '${runtimeDb.password}'`);
  await admin.query(`GRANT ALL ON ${runtimeDb.database}.* TO '${runtimeDb.user}'@'%'`);
  await admin.end();
  await db()
    .update(clusters)
    .set({ serviceDb: { host: runtimeDb.host, port: runtimeDb.port, database: runtimeDb.database, user: runtimeDb.user } })
    .where(eq(clusters.id, clusterId));
  await writeServiceDbPassword(db(), clusterId, runtimeDb.password);
  worker = await startTestWorker();
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  const left = await api().service.list({ applicationId, includeDeleted: true });
  await discardQueuedRollouts(left.map((service) => service.id));
  await discardModels(applicationId);
  await Promise.all([closeQueue(), closePublisher()]);
  await sim?.close();
  const admin = await serverAdmin();
  await admin.query(`DROP DATABASE IF EXISTS ${runtimeDb.database}`);
  await admin.query(`DROP USER IF EXISTS '${runtimeDb.user}'@'%'`);
  await admin.end();
  await rm(storageDir, { recursive: true, force: true });
});

describe('model switch', () => {
  let serviceId: number;
  let k8sName: string;
  let created: number;
  let switched: number;
  let appName: string;

  it('switches a running service to a model: copy verified, model_assignments written, pods with the model file', async () => {
    ({ serviceId, rolloutId: created } = await api().service.create({ applicationId, clusterId, level: 'development', spec: { image: 'example/iris:1', replicas: 2 } }));
    expect((await ended(created)).status).toBe('succeeded');
    const service = await api().service.get({ serviceId });
    k8sName = service.k8sName;
    appName = service.applicationName;
    expect((await podEnv(serviceId)).every((e) => e.DRUCKER_SERVICE_MODEL_FILE === undefined)).toBe(true);

    const modelId = await makeModel(editor.actor, projectId, applicationId, { name: 'iris-svm', version: '1', bytes: randomBytes(256 * 1024) });
    ({ rolloutId: switched } = await api().service.switchModel({ serviceId, modelId, reason: 'better recall' }));
    const rollout = await ended(switched);
    expect(rollout).toMatchObject({ status: 'succeeded', kind: 'model_switch', error: null });

    const podPath = `/mnt/drucker-model/${appName}/iris-svm-1/model.bin`;
    const pods = await podEnv(serviceId);
    expect(pods).toHaveLength(2);
    for (const e of pods) expect(e).toMatchObject({ DRUCKER_SERVICE_MODEL_FILE: podPath, DRUCKER_SERVICE_MODEL_DIR: '/mnt/drucker-model' });
    const template = (await deployment(k8sName)).spec?.template.spec;
    expect(template?.volumes?.find((v) => v.hostPath?.path === '/mnt/drucker-model')).toBeTruthy();
    expect((await api().model.copies({ modelId })).find((c) => c.clusterId === clusterId)).toMatchObject({ status: 'verified', error: null });
    expect(await readModelAssignment(runtimeDb, k8sName)).toEqual({ modelPath: podPath, firstBoot: true });
    expect((await api().service.get({ serviceId })).currentModel).toMatchObject({ id: modelId, name: 'iris-svm', version: '1' });
    expect((await api().model.get({ modelId })).runningOn.map((s) => s.id)).toEqual([serviceId]);
  });

  it('a model whose copy fails verification fails the switch with that reason and leaves the pods alone', async () => {
    const modelId = await makeModel(editor.actor, projectId, applicationId, { name: 'iris-svm', version: '2-corrupt', bytes: randomBytes(128 * 1024) });
    const [model] = await db().select().from(models).where(eq(models.id, modelId));
    // The staged file rots before anything copies it (the worker may already be at it: both fail).
    await writeFile(path.join(env().MODEL_STAGING_DIR, model!.storageKey), randomBytes(model!.size));
    const { rolloutId } = await api().service.switchModel({ serviceId, modelId });
    const rollout = await ended(rolloutId);
    expect(rollout.status).toBe('failed');
    expect(rollout.error).toMatch(/Model iris-svm 2-corrupt is not ready on cluster .*: Copying model .* failed after 3 attempts: the sha-256 of the copy in the cluster's storage is/);
    expect((await api().model.copies({ modelId }))[0]).toMatchObject({ status: 'failed' });
    for (const e of await podEnv(serviceId)) expect(e.DRUCKER_SERVICE_MODEL_FILE).toBe(`/mnt/drucker-model/${appName}/iris-svm-1/model.bin`);
    expect((await readModelAssignment(runtimeDb, k8sName))?.modelPath).toBe(`/mnt/drucker-model/${appName}/iris-svm-1/model.bin`);
  }, 90_000);

  it('rolling back restores the earlier model, and then none', async () => {
    const back = await api().rollout.rollback({ serviceId, toRolloutId: switched, reason: 'the corrupt one failed' });
    expect((await ended(back.rolloutId)).status).toBe('succeeded');
    for (const e of await podEnv(serviceId)) expect(e.DRUCKER_SERVICE_MODEL_FILE).toBe(`/mnt/drucker-model/${appName}/iris-svm-1/model.bin`);
    expect((await api().service.get({ serviceId })).currentModel).toMatchObject({ name: 'iris-svm', version: '1' });

    const none = await api().rollout.rollback({ serviceId, toRolloutId: created });
    expect((await ended(none.rolloutId)).status).toBe('succeeded');
    await eventually('pods without a model file', async () => (await podEnv(serviceId)).every((e) => e.DRUCKER_SERVICE_MODEL_FILE === undefined));
    expect((await api().service.get({ serviceId })).currentModel).toBeNull();
  }, 90_000);

  it('refuses a model of another application and a switch to the model it runs', async () => {
    const otherApp = await makeApplication(projectId);
    const foreign = await makeModel(editor.actor, projectId, otherApp);
    await expect(api().service.switchModel({ serviceId, modelId: foreign })).rejects.toThrow(/not found in this application/);
    await discardModels(otherApp);
  });
});
