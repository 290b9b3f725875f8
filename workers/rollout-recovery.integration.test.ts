import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy.ts';

// The queue's database is reached through a proxy this test can cut, so "PostgreSQL goes away"
// happens for the worker and for the API alike, without stopping the server the machine shares.
// This must run before anything reads the environment.
const proxy: TcpProxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
const jobsUrl = new URL(process.env.JOBS_DATABASE_URL!);
jobsUrl.port = String(proxy.port);
process.env.JOBS_DATABASE_URL = jobsUrl.toString();

const { db } = await import('../db/client.ts');
const { getRollout } = await import('../server/domain/rollouts/queries.ts');
const { getService } = await import('../server/domain/services/queries.ts');
const { closeQueue } = await import('../server/jobs/queue.ts');
const { discardQueuedRollouts, makeApplication, rolloutEnded } = await import('../test/deploy-fixtures.ts');
const { callerAs, makeProject, makeUser } = await import('../test/fixtures.ts');
const { registerSimCluster, startTestKubeSim } = await import('../test/kube-sim.ts');
const { startWorkerProcess } = await import('../test/worker-process.ts');
type KubeSim = Awaited<ReturnType<typeof startTestKubeSim>>;
type WorkerProcess = ReturnType<typeof startWorkerProcess>;

// Workers are real processes here: killed with SIGKILL mid-rollout, they leave their jobs locked,
// and the next worker must release and finish them (server/jobs/liveness.ts), each exactly once.

let sim: KubeSim;
let projectId: number;
let applicationId: number;
let clusterId: number;
let editor: Awaited<ReturnType<typeof makeUser>>;
const workers: WorkerProcess[] = [];
const api = () => callerAs(editor.actor);

async function startWorker(): Promise<WorkerProcess> {
  const worker = startWorkerProcess({ WORKER_CONCURRENCY: '8' });
  workers.push(worker);
  await worker.seen(/"msg":"worker started"/);
  return worker;
}

const ended = (rolloutId: number, timeoutMs = 120_000) => rolloutEnded(projectId, rolloutId, timeoutMs);

beforeAll(async () => {
  sim = await startTestKubeSim({ speed: 10 });
  editor = await makeUser('recovery');
  projectId = await makeProject(editor, 'recovery');
  applicationId = await makeApplication(projectId, 'steady');
  clusterId = await registerSimCluster(projectId, sim);
});

afterAll(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  const left = await api().service.list({ applicationId, includeDeleted: true });
  await discardQueuedRollouts(left.map((service) => service.id));
  await closeQueue();
  await proxy.close();
  await sim?.close();
});

describe('worker and queue failures', () => {
  it('finishes every rollout exactly once when workers are SIGKILLed at random points', { timeout: 400_000 }, async () => {
    let worker = await startWorker();
    // Slow enough to be caught mid-way: three replicas one at a time, each 20 simulated seconds ready.
    const spec = { image: 'example/steady:1', replicas: 3, maxSurge: 1, maxUnavailable: 0, minReadySeconds: 20 };
    const created = await Promise.all(Array.from({ length: 5 }, () => api().service.create({ applicationId, clusterId, level: 'staging', spec })));
    for (let kill = 0; kill < 3; kill++) {
      await sleep(randomInt(300, 3_000));
      worker.child.kill('SIGKILL');
      await worker.exited;
      worker = await startWorker();
    }
    for (const { rolloutId } of created) expect(await ended(rolloutId)).toMatchObject({ status: 'succeeded', revision: 1 });
    for (const { serviceId, rolloutId } of created) {
      const endings = workers.map((w) => w.output().split('\n').filter((line) => line.includes(`"msg":"rollout ${rolloutId} ended`)).length);
      expect(endings.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await api().rollout.list({ serviceId })).toHaveLength(1);
      const service = await getService(db(), projectId, serviceId);
      expect(service.status).toBe('running');
      const deployment = sim.store.get('deployments.apps', 'staging', service.k8sName) as { status?: { availableReplicas?: number } } | undefined;
      expect(deployment?.status?.availableReplicas).toBe(3);
    }
    worker.child.kill('SIGTERM');
    await worker.exited;
  });

  it('runs a change accepted while PostgreSQL was away once it is back', { timeout: 300_000 }, async () => {
    const worker = await startWorker();
    const { serviceId, rolloutId } = await api().service.create({ applicationId, clusterId, level: 'production', spec: { image: 'example/steady:1' } });
    expect((await ended(rolloutId)).status).toBe('succeeded');

    await proxy.stop();
    const { rolloutId: change } = await api().service.update({ serviceId, spec: { image: 'example/steady:2' }, reason: 'during the outage' });
    expect(change).not.toBeNull();
    expect((await getRollout(db(), projectId, change!)).status).toBe('queued');
    await sleep(2_000);
    await proxy.start();

    await ended(change!).catch((error: unknown) => {
      throw new Error(`${String(error)}\nworker output:\n${worker.output().slice(-6000)}`);
    });
    expect(await getRollout(db(), projectId, change!)).toMatchObject({ status: 'succeeded', revision: 2 });
    const service = await getService(db(), projectId, serviceId);
    const deployment = sim.store.get('deployments.apps', 'production', service.k8sName) as { spec?: { template: { spec: { containers: { image: string }[] } } } } | undefined;
    expect(deployment?.spec?.template.spec.containers[0]?.image).toBe('example/steady:2');
    worker.child.kill('SIGTERM');
    await worker.exited;
  });
});
