import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { rollouts } from '../../../db/schema/rollouts.ts';
import { discardQueuedRollouts, makeApplication, makeCluster, makeService } from '../../../test/deploy-fixtures.ts';
import { makeProject, makeUser, type TestUser } from '../../../test/fixtures.ts';
import { closeQueue } from '../../jobs/queue.ts';
import { updateService } from '../services/update.ts';
import { claimRollout } from './run/claim.ts';
import { loadRolloutContext } from './run/load.ts';

// Supersession under concurrency. Found by bench/rollout-pickup.bench.ts: edits of *different*
// services committed at the same moment failed with ER_LOCK_DEADLOCK, because superseding scanned
// (and locked) every service's queued rollouts through the status index.

let editor: TestUser;
let projectId: number;
const serviceIds: number[] = [];

beforeAll(async () => {
  editor = await makeUser('race-editor');
  projectId = await makeProject(editor, 'race');
  const applicationId = await makeApplication(projectId);
  const clusterId = await makeCluster(projectId);
  for (let i = 0; i < 16; i++) serviceIds.push((await makeService(editor.actor, projectId, { applicationId, clusterId })).serviceId);
});

afterAll(async () => {
  await discardQueuedRollouts(serviceIds);
  await closeQueue();
});

const statusOf = async (id: number) => (await db().select({ status: rollouts.status }).from(rollouts).where(eq(rollouts.id, id)))[0]?.status;

describe('superseding queued rollouts', () => {
  it('lets edits of many services commit at once, each superseding only its own service’s queued rollout', async () => {
    for (let round = 0; round < 20; round++) {
      // Odd rounds: the earlier rollouts have run (as when a worker keeps up), so few rows are queued.
      if (round % 2 === 1) await db().update(rollouts).set({ status: 'succeeded', finishedAt: new Date() }).where(inArray(rollouts.serviceId, serviceIds));
      const before = await db().select({ id: rollouts.id, serviceId: rollouts.serviceId }).from(rollouts).where(and(inArray(rollouts.serviceId, serviceIds), eq(rollouts.status, 'queued')));
      const results = await Promise.all(serviceIds.map((serviceId) => updateService(db(), editor.actor, projectId, { serviceId, spec: { memo: `round-${round}` } })));
      const rows = await db().select().from(rollouts).where(inArray(rollouts.id, [...before.map((row) => row.id), ...results.map((result) => result.rolloutId!)]));
      const byId = new Map(rows.map((row) => [row.id, row]));
      results.forEach(({ rolloutId }, i) => {
        expect(byId.get(rolloutId!)?.status).toBe('queued');
        for (const older of before.filter((row) => row.serviceId === serviceIds[i])) expect(byId.get(older.id)).toMatchObject({ status: 'superseded', supersededById: rolloutId });
      });
    }
  });

  it('never deadlocks with the worker claiming the rollout before: that one either runs or is superseded', async () => {
    const serviceId = serviceIds[0]!;
    for (let i = 0; i < 20; i++) {
      const { rolloutId: earlier } = await updateService(db(), editor.actor, projectId, { serviceId, spec: { memo: `a-${i}` } });
      const context = await loadRolloutContext(db(), earlier!);
      const [claim, change] = await Promise.all([
        claimRollout(db(), context!, { graceSeconds: 0 }),
        updateService(db(), editor.actor, projectId, { serviceId, spec: { memo: `b-${i}` } }),
      ]);
      expect(await statusOf(earlier!)).toBe(claim.run ? 'running' : 'superseded');
      expect(await statusOf(change.rolloutId!)).toBe('queued');
    }
  });
});
