import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { discardQueuedRollouts } from '../../../test/deploy-fixtures.ts';
import { makeProject, makeUser } from '../../../test/fixtures.ts';
import { startTestKubeSim } from '../../../test/kube-sim.ts';
import { eventually } from '../../../test/wait.ts';
import { startTestWorker } from '../../../test/worker.ts';
import type { KubeSim } from '../../../tools/kube-sim/src/index.ts';
import { closeQueue } from '../../jobs/queue.ts';
import { closePublisher } from '../../live/publish.ts';
import { listRollouts } from '../rollouts/queries.ts';
import { deleteService } from '../services/delete.ts';
import { listServices } from '../services/queries.ts';
import { registerDemoCluster } from './cluster.ts';
import { seedDemoDeployments } from './deployments.ts';

let sim: KubeSim;
let worker: Runner;
let projectId: number;
let clusterId: number;
let applicationId: number | undefined;

beforeAll(async () => {
  sim = await startTestKubeSim({ speed: 50 });
  projectId = await makeProject(await makeUser('demo-deploy'));
  ({ clusterId } = await registerDemoCluster(db(), projectId, sim.kubeconfig));
  worker = await startTestWorker();
});

afterAll(async () => {
  await worker?.stop();
  if (applicationId) await discardQueuedRollouts((await listServices(db(), projectId, { applicationId, includeDeleted: true })).map((s) => s.id));
  await Promise.all([closeQueue(), closePublisher()]);
  await sim?.close();
});

describe('the demo deployments', () => {
  it('deploy iris as an A/B pair at staging and an autoscaled service at production, once', async () => {
    const first = await seedDemoDeployments(db(), projectId, clusterId);
    applicationId = first.applicationId;
    expect(first).toMatchObject({ created: ['iris A', 'iris B', 'iris'], existing: [] });

    const live = await eventually(
      'the three demo services to be running',
      async () => {
        const list = await listServices(db(), projectId, { applicationId: first.applicationId });
        return list.length === 3 && list.every((service) => service.status === 'running') && list;
      },
      90_000,
    );
    const byName = Object.fromEntries(live.map((service) => [service.displayName, service]));
    expect(byName['iris A']).toMatchObject({ level: 'staging', levelHost: 'iris-staging.kube-sim.localhost', lastRollout: { status: 'succeeded', kind: 'create' } });
    expect(byName['iris B']).toMatchObject({ level: 'staging', levelHost: 'iris-staging.kube-sim.localhost' });
    expect(byName.iris).toMatchObject({ level: 'production', spec: { minReplicas: 2, maxReplicas: 5, cpuThreshold: 70 } });

    // A second start finds them: no new services, no new rollouts.
    const again = await seedDemoDeployments(db(), projectId, clusterId);
    expect(again).toEqual({ applicationId: first.applicationId, created: [], existing: ['iris A', 'iris B', 'iris'] });
    const after = await listServices(db(), projectId, { applicationId: first.applicationId });
    expect(after.map((service) => service.id).sort()).toEqual(live.map((service) => service.id).sort());
    for (const service of after) expect(await listRollouts(db(), projectId, { serviceId: service.id })).toHaveLength(1);
  });

  it('leaves a demo service the user deleted deleted', async () => {
    const services = await listServices(db(), projectId, { applicationId: applicationId! });
    const b = services.find((service) => service.displayName === 'iris B')!;
    await deleteService(db(), { type: 'system', label: 'test' }, projectId, { serviceId: b.id });
    const again = await seedDemoDeployments(db(), projectId, clusterId);
    expect(again.created).toEqual([]);
    await eventually('iris B to be gone', async () => (await listServices(db(), projectId, { applicationId: applicationId! })).length === 2, 60_000);
    expect((await seedDemoDeployments(db(), projectId, clusterId)).created).toEqual([]);
    expect((await listServices(db(), projectId, { applicationId: applicationId! })).map((s) => s.displayName).sort()).toEqual(['iris', 'iris A']);
  });
});
