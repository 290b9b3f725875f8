import { eq } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { promotionPolicies } from '../../../db/schema/promotions.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { discardQueuedRollouts } from '../../../test/deploy-fixtures.ts';
import { makeProject, makeUser } from '../../../test/fixtures.ts';
import { startTestKubeSim } from '../../../test/kube-sim.ts';
import { eventually } from '../../../test/wait.ts';
import { startTestWorker } from '../../../test/worker.ts';
import type { KubeSim } from '../../../tools/kube-sim/src/index.ts';
import { closeQueue } from '../../jobs/queue.ts';
import { closePublisher } from '../../live/publish.ts';
import { listRuns } from '../promotions/runs.ts';
import { promotionTick } from '../promotions/tick.ts';
import { listServices } from '../services/queries.ts';
import { registerDemoCluster } from './cluster.ts';
import { seedDemoDeployments } from './deployments.ts';
import { DEMO_POLICY, seedDemoPromotion } from './promotion.ts';

let sim: KubeSim;
let worker: Runner;
let projectId: number;
let applicationId: number | undefined;

beforeAll(async () => {
  sim = await startTestKubeSim({ speed: 50 });
  projectId = await makeProject(await makeUser('demo-promo'));
  worker = await startTestWorker();
});

afterAll(async () => {
  await worker?.stop();
  if (applicationId) {
    await db().update(promotionPolicies).set({ enabled: false }).where(eq(promotionPolicies.applicationId, applicationId));
    await discardQueuedRollouts((await listServices(db(), projectId, { applicationId, includeDeleted: true })).map((s) => s.id));
  }
  await Promise.all([closeQueue(), closePublisher()]);
  await sim?.close();
});

describe('the demo promotion', () => {
  it('seeds a candidate at staging and a policy that promotes it to production, once', async () => {
    const { clusterId } = await registerDemoCluster(db(), projectId, sim.kubeconfig);
    ({ applicationId } = await seedDemoDeployments(db(), projectId, clusterId));
    const first = await seedDemoPromotion(db(), projectId, clusterId, applicationId);
    expect(first.created).toBe(true);
    expect(await seedDemoPromotion(db(), projectId, clusterId, applicationId)).toEqual({ policyId: first.policyId, created: false });

    const all = await listServices(db(), projectId, { applicationId });
    const source = all.find((s) => s.displayName === 'iris candidate');
    const target = all.find((s) => s.level === 'production');
    expect(source?.currentModel).toMatchObject({ name: 'iris', version: 'demo-candidate' });
    await eventually('the demo services to run', async () => (await listServices(db(), projectId, { applicationId: applicationId! })).every((s) => s.status === 'running'), 90_000);

    const [policy] = await db().select().from(promotionPolicies).where(eq(promotionPolicies.id, first.policyId));
    expect(policy).toMatchObject({ name: DEMO_POLICY, schedule: '*/2 * * * *', minMinutesRunning: 1, enabled: true });
    // The first tick comes before the candidate has soaked a minute.
    await db().update(rollouts).set({ finishedAt: new Date() }).where(eq(rollouts.serviceId, source!.id));
    await db().update(promotionPolicies).set({ nextRunAt: new Date(Date.now() - 60_000) }).where(eq(promotionPolicies.id, first.policyId));
    await promotionTick(db(), new Date());
    // A minute later (the soak measured from the source's rollout), the next tick promotes.
    await db().update(rollouts).set({ finishedAt: new Date(Date.now() - 120_000) }).where(eq(rollouts.serviceId, source!.id));
    await db().update(promotionPolicies).set({ nextRunAt: new Date(Date.now() - 30_000) }).where(eq(promotionPolicies.id, first.policyId));
    await promotionTick(db(), new Date());
    const runs = await listRuns(db(), projectId, { policyId: first.policyId });
    expect(runs.map((r) => [r.status, r.reason])).toEqual([
      ['promoted', 'iris demo-candidate soaked 2 minutes on the source'],
      ['skipped', expect.stringMatching(/^soak not met: iris demo-candidate has run on the source for 0 of 1 minutes$/)],
    ]);
    await eventually('production to run the candidate', async () => {
      const [row] = await db().select().from(rollouts).where(eq(rollouts.id, runs[0]!.rolloutId!));
      return row?.status === 'succeeded';
    }, 60_000);
    expect((await listServices(db(), projectId, { applicationId })).find((s) => s.id === target!.id)?.currentModel?.version).toBe('demo-candidate');
  });
});
