import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client.ts';
import { getService } from '../../server/domain/services/queries.ts';
import { closeQueue } from '../../server/jobs/queue.ts';
import { closePublisher } from '../../server/live/publish.ts';
import { discardQueuedRollouts, makeApplication, rolloutEnded } from '../../test/deploy-fixtures.ts';
import { callerAs, makeProject, makeUser, type TestUser } from '../../test/fixtures.ts';
import { registerSimCluster, simGet, startTestKubeSim } from '../../test/kube-sim.ts';
import { eventually } from '../../test/wait.ts';
import { startTestWorker } from '../../test/worker.ts';
import type { KubeSim } from '../../tools/kube-sim/src/index.ts';

// The deploy loop end to end on one machine: the real API (routers), the real queue and worker
// task, and kube-sim over TLS as the cluster. Each test asserts what a user would see: the
// objects in the cluster and the rows in the history.

let sim: KubeSim;
let worker: Runner;
let editor: TestUser;
let projectId: number;
let applicationId: number;
let clusterId: number;
const api = () => callerAs(editor.actor);

const k8s = <T>(path: string) => simGet<T>(sim, path);

const ended = (rolloutId: number, timeoutMs = 30_000) => rolloutEnded(projectId, rolloutId, timeoutMs);

beforeAll(async () => {
  sim = await startTestKubeSim({ speed: 50 });
  editor = await makeUser('rollout-editor');
  projectId = await makeProject(editor, 'rollouts');
  applicationId = await makeApplication(projectId, 'iris');
  clusterId = await registerSimCluster(projectId, sim, { dnsName: 'ml.example.test' });
  worker = await startTestWorker();
});

afterAll(async () => {
  await worker?.stop();
  const left = await api().service.list({ applicationId, includeDeleted: true });
  await discardQueuedRollouts(left.map((service) => service.id));
  await Promise.all([closeQueue(), closePublisher()]);
  await sim?.close();
});

describe('rollout task against kube-sim', () => {
  let serviceId: number;
  let first: number;

  it('creates the service on the cluster and succeeds when the Deployment is complete', async () => {
    ({ serviceId, rolloutId: first } = await api().service.create({ applicationId, clusterId, level: 'development', spec: { image: 'example/iris:1', replicas: 2 } }));
    const rollout = await ended(first);
    expect(rollout).toMatchObject({ status: 'succeeded', progress: 100, kubeRevision: '1', error: null });
    expect(rollout.progressDetail).toMatchObject({ desired: 2, updated: 2, available: 2 });
    const service = await getService(db(), projectId, serviceId);
    expect(service.status).toBe('running');
    const deployment = await k8s<Deployment>(`/apis/apps/v1/namespaces/development/deployments/${service.k8sName}`);
    expect(deployment?.spec?.template.spec?.containers[0]?.image).toBe('example/iris:1');
    expect(deployment?.metadata?.managedFields?.map((f) => f.manager)).toContain('drucker');
    const env = Object.fromEntries((deployment?.spec?.template.spec?.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ DRUCKER_APPLICATION_NAME: 'iris', DRUCKER_SERVICE_LEVEL: 'development', DRUCKER_SERVICE_INFRA: 'kubernetes' });
    const ingress = await k8s<Ingress>(`/apis/networking.k8s.io/v1/namespaces/development/ingresses/${service.k8sName}`);
    expect(ingress?.spec?.rules?.[0]?.host).toBe(`${service.k8sName}.ml.example.test`);
    const levelIngress = await k8s<Ingress>('/apis/networking.k8s.io/v1/namespaces/development/ingresses/iris-development');
    expect(levelIngress?.spec?.rules?.[0]?.host).toBe('iris-development.ml.example.test');
    const logs = await api().service.logs({ serviceId, tailLines: 20 });
    expect(logs.pods).toHaveLength(2);
    expect(logs.pod).toBe(logs.pods[0]?.name);
    expect(logs.text.length).toBeGreaterThan(0);
  });

  it('updates as revision 2 with a new ReplicaSet', async () => {
    const { rolloutId } = await api().service.update({ serviceId, spec: { cpuRequest: '250m' }, reason: 'smaller' });
    const rollout = await ended(rolloutId!);
    expect(rollout).toMatchObject({ status: 'succeeded', revision: 2, kubeRevision: '2' });
    const service = await getService(db(), projectId, serviceId);
    const sets = await k8s<{ items: ReplicaSet[] }>(`/apis/apps/v1/namespaces/development/replicasets?labelSelector=drucker.io/service-id=${serviceId}`);
    expect(sets?.items).toHaveLength(2);
    const deployment = await k8s<Deployment>(`/apis/apps/v1/namespaces/development/deployments/${service.k8sName}`);
    expect(deployment?.spec?.template.spec?.containers[0]?.resources?.requests?.cpu).toBe('250m');
  });

  it('restarts with a memo as a new ReplicaSet carrying DRUCKER_SERVICE_UPDATE_FLAG', async () => {
    const { rolloutId } = await api().service.restart({ serviceId, memo: 'retrained' });
    expect(await ended(rolloutId)).toMatchObject({ status: 'succeeded', kubeRevision: '3' });
    const service = await getService(db(), projectId, serviceId);
    const deployment = await k8s<Deployment>(`/apis/apps/v1/namespaces/development/deployments/${service.k8sName}`);
    const flag = deployment?.spec?.template.spec?.containers[0]?.env?.find((e) => e.name === 'DRUCKER_SERVICE_UPDATE_FLAG');
    expect(flag?.value).toBe('retrained');
  });

  it('fails a bad image with the pod’s own reason', async () => {
    const { rolloutId } = await api().service.update({ serviceId, spec: { image: 'example/iris:bad-pull-1', progressDeadlineSeconds: 30 } });
    const rollout = await ended(rolloutId!);
    expect(rollout.status).toBe('failed');
    expect(rollout.error).toMatch(/ImagePullBackOff: example\/iris:bad-pull-1/);
    expect((await getService(db(), projectId, serviceId)).status).toBe('failed');
  });

  it('rolls back to revision 1: the cluster’s Deployment equals its spec again', async () => {
    const { rolloutId } = await api().rollout.rollback({ serviceId, toRolloutId: first, reason: 'back to the first' });
    expect(await ended(rolloutId)).toMatchObject({ status: 'succeeded', kind: 'rollback' });
    const service = await getService(db(), projectId, serviceId);
    const deployment = await k8s<Deployment>(`/apis/apps/v1/namespaces/development/deployments/${service.k8sName}`);
    const container = deployment?.spec?.template.spec?.containers[0];
    expect(container?.image).toBe('example/iris:1');
    expect(container?.resources?.requests?.cpu).toBe('500m');
    expect(container?.env?.find((e) => e.name === 'DRUCKER_SERVICE_UPDATE_FLAG')?.value ?? '').toBe('');
  });

  it('rolls back automatically when the service asks for it', async () => {
    await api().service.update({ serviceId, autoRollback: true });
    const { rolloutId } = await api().service.update({ serviceId, spec: { image: 'example/iris:bad-pull-2', progressDeadlineSeconds: 30 } });
    expect((await ended(rolloutId!)).status).toBe('failed');
    const rollback = await eventually('the automatic rollback', async () => {
      const [newest] = await api().rollout.list({ serviceId });
      return newest?.kind === 'rollback' && newest.id > rolloutId! && newest;
    });
    expect(rollback.actor).toEqual({ type: 'system', label: 'drucker (automatic rollback)' });
    expect(await ended(rollback.id)).toMatchObject({ status: 'succeeded' });
    const service = await getService(db(), projectId, serviceId);
    expect(service.spec.image).toBe('example/iris:1');
    expect(service.status).toBe('running');
  });

  it('runs an A/B pair behind the level host, then deletes one and keeps its history', async () => {
    const b = await api().service.create({ applicationId, clusterId, level: 'development', displayName: 'iris B', spec: { image: 'example/iris:2' } });
    expect((await ended(b.rolloutId)).status).toBe('succeeded');
    const levelService = await k8s<Service>('/api/v1/namespaces/development/services/iris-development');
    const pods = await k8s<{ items: { metadata: { labels: Record<string, string> } }[] }>(
      `/api/v1/namespaces/development/pods?labelSelector=${encodeURIComponent(Object.entries(levelService?.spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(','))}`,
    );
    expect(new Set(pods?.items.map((pod) => pod.metadata.labels['drucker.io/service-id']))).toEqual(new Set([String(serviceId), String(b.serviceId)]));

    const { rolloutId } = await api().service.delete({ serviceId: b.serviceId, reason: 'A wins' });
    expect(await ended(rolloutId)).toMatchObject({ status: 'succeeded', kind: 'delete' });
    const deleted = await getService(db(), projectId, b.serviceId);
    expect(deleted.status).toBe('deleted');
    expect(deleted.deletedAt).not.toBeNull();
    expect(await k8s(`/apis/apps/v1/namespaces/development/deployments/${deleted.k8sName}`)).toBeUndefined();
    expect(await k8s('/api/v1/namespaces/development/services/iris-development')).toBeDefined(); // A still serves the level
    expect((await api().rollout.list({ serviceId: b.serviceId })).map((r) => r.kind)).toEqual(['delete', 'create']);
  });
});
