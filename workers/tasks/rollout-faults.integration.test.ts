import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client.ts';
import { getCluster } from '../../server/domain/clusters/read.ts';
import { getRollout } from '../../server/domain/rollouts/queries.ts';
import { getService } from '../../server/domain/services/queries.ts';
import { closeQueue } from '../../server/jobs/queue.ts';
import { closePublisher } from '../../server/live/publish.ts';
import { discardQueuedRollouts, makeApplication, rolloutEnded } from '../../test/deploy-fixtures.ts';
import { callerAs, makeProject, makeUser, type TestUser } from '../../test/fixtures.ts';
import { registerSimCluster, simAdmin, startTestKubeSim } from '../../test/kube-sim.ts';
import { startTestWorker } from '../../test/worker.ts';
import type { KubeSim } from '../../tools/kube-sim/src/index.ts';

// Rollouts on an unreliable cluster: API errors, latency and dropped watches; a cluster that goes
// away; two people changing one service at once. Every rollout must still end in the right state.

let sim: KubeSim;
let worker: Runner;
let editor: TestUser;
let other: TestUser;
let projectId: number;
let applicationId: number;
let clusterId: number;
const api = (who: TestUser = editor) => callerAs(who.actor);

type Deployment = { spec: { template: { spec: { containers: { image: string; resources?: { requests?: Record<string, string> } }[] } } } };
const deploymentIn = (name: string) => sim.store.get('deployments.apps', 'beta', name) as Deployment | undefined;

const ended = (rolloutId: number, timeoutMs = 90_000) => rolloutEnded(projectId, rolloutId, timeoutMs);

beforeAll(async () => {
  sim = await startTestKubeSim({ speed: 20 });
  editor = await makeUser('faults-editor');
  projectId = await makeProject(editor, 'faults');
  other = await makeUser('faults-other');
  await api().project.setMember({ projectId, email: other.email, role: 'editor' });
  applicationId = await makeApplication(projectId, 'churn');
  clusterId = await registerSimCluster(projectId, sim);
  worker = await startTestWorker(16);
});

afterAll(async () => {
  await worker?.stop();
  const left = await api().service.list({ applicationId, includeDeleted: true });
  await discardQueuedRollouts(left.map((service) => service.id));
  await Promise.all([closeQueue(), closePublisher()]);
  await sim?.close();
});

describe('rollouts under faults', () => {
  it('reach their correct final state with 20 % API errors, latency and dropped watches', { timeout: 240_000 }, async () => {
    await simAdmin(sim, '/_sim/faults/errors', { code: 503, rate: 0.2 });
    await simAdmin(sim, '/_sim/faults/errors', { verb: 'patch', code: 429, rate: 0.1 });
    await simAdmin(sim, '/_sim/faults/latency', { ms: 150 });
    await simAdmin(sim, '/_sim/faults/watch-drops', { afterEvents: 2, count: 50 });
    await simAdmin(sim, '/_sim/faults/resets', { verb: 'list', rate: 0.1 });
    try {
      const created = await Promise.all(
        Array.from({ length: 6 }, (_, i) => api().service.create({ applicationId, clusterId, level: 'beta', spec: { image: `example/churn:${i}`, replicas: 2 } })),
      );
      for (const { rolloutId } of created) expect(await ended(rolloutId)).toMatchObject({ status: 'succeeded' });
      const updated = await Promise.all(created.map(({ serviceId }) => api().service.update({ serviceId, spec: { image: 'example/churn:next' } })));
      for (const { rolloutId } of updated) expect(await ended(rolloutId!)).toMatchObject({ status: 'succeeded', revision: 2 });
      for (const { serviceId } of created) {
        const service = await getService(db(), projectId, serviceId);
        expect(service.status).toBe('running');
        expect(deploymentIn(service.k8sName)?.spec.template.spec.containers[0]?.image).toBe('example/churn:next');
      }
    } finally {
      await simAdmin(sim, '/_sim/faults', undefined, 'DELETE');
    }
  });

  it('applies two people’s simultaneous edits of one service in order, keeping both', { timeout: 120_000 }, async () => {
    const { serviceId, rolloutId } = await api().service.create({ applicationId, clusterId, level: 'beta', spec: { image: 'example/churn:1' } });
    await ended(rolloutId);
    const [a, b] = await Promise.all([
      api(editor).service.update({ serviceId, spec: { image: 'example/churn:2' }, reason: 'new model server' }),
      api(other).service.update({ serviceId, spec: { cpuRequest: '250m' }, reason: 'smaller' }),
    ]);
    const revisions = await api().rollout.list({ serviceId });
    expect(revisions.map((r) => r.revision)).toEqual([3, 2, 1]);
    expect(new Set(revisions.slice(0, 2).map((r) => r.actor.label))).toEqual(new Set([editor.email, other.email]));
    const newest = revisions[0]!;
    expect(await ended(newest.id)).toMatchObject({ status: 'succeeded' });
    // The older of the two either ran first or was overtaken before it started; never lost silently.
    const older = await getRollout(db(), projectId, [a.rolloutId!, b.rolloutId!].find((id) => id !== newest.id)!);
    expect(['succeeded', 'superseded']).toContain(older.status);
    const service = await getService(db(), projectId, serviceId);
    const container = deploymentIn(service.k8sName)?.spec.template.spec.containers[0];
    expect(container?.image).toBe('example/churn:2');
    expect(container?.resources?.requests?.cpu).toBe('250m');
  });

  it('fails a rollout on an unreachable cluster with that reason after its deadline, and marks the cluster unreachable', { timeout: 120_000 }, async () => {
    const gone = await startTestKubeSim();
    const goneCluster = await registerSimCluster(projectId, gone);
    await gone.close();
    const started = Date.now();
    const { rolloutId } = await api().service.create({ applicationId, clusterId: goneCluster, level: 'beta', spec: { image: 'example/churn:1', progressDeadlineSeconds: 30 } });
    const rollout = await ended(rolloutId, 90_000);
    expect(rollout.status).toBe('failed');
    expect(rollout.error).toMatch(/could not be reached before the rollout's deadline/);
    // Its progress deadline (30 s) plus the grace the tests configure (5 s).
    expect(Date.now() - started).toBeGreaterThanOrEqual(34_000);
    const cluster = await getCluster(db(), projectId, goneCluster);
    expect(cluster.health).toBe('unreachable');
    expect(cluster.lastError).toBeTruthy();
  });
});
