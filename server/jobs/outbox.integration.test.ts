import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../db/client.ts';
import { applications } from '../../db/schema/applications.ts';
import { clusters } from '../../db/schema/clusters.ts';
import { rollouts } from '../../db/schema/rollouts.ts';
import { services } from '../../db/schema/services.ts';
import { makeProject, makeUser, unique } from '../../test/fixtures.ts';
import { seal } from '../crypto/seal.ts';
import { env } from '../env.ts';
import { serviceSpecSchema } from '../domain/services/spec.ts';
import { dispatchOutbox } from './outbox.ts';
import { closeQueue } from './queue.ts';

const pool = new pg.Pool({ connectionString: env().JOBS_DATABASE_URL });
afterAll(async () => {
  await pool.end();
  await closeQueue();
});

async function queuedRollout(status: 'queued' | 'succeeded' = 'queued') {
  const owner = await makeUser('outbox');
  const projectId = await makeProject(owner);
  const [cluster] = await db()
    .insert(clusters)
    .values({
      projectId,
      name: unique('c'),
      kubeconfigSealed: seal('apiVersion: v1', { table: 'clusters', column: 'kubeconfig_sealed', id: 0 }),
      context: 'test',
      apiServerUrl: 'https://127.0.0.1:6443',
      dnsName: 'example.test',
      modelStorage: { write: { kind: 'fs', dir: './data/test-clusters/c' }, pods: { kind: 'hostPath', path: '/mnt/drucker-model' }, mountPath: '/mnt/drucker-model' },
    })
    .$returningId();
  const [app] = await db().insert(applications).values({ projectId, name: unique('app') }).$returningId();
  const spec = serviceSpecSchema.parse({ image: 'example/model:1' });
  const [service] = await db()
    .insert(services)
    .values({ applicationId: app!.id, clusterId: cluster!.id, level: 'development', k8sName: unique('svc'), namespace: 'development', displayName: 'svc', spec })
    .$returningId();
  const [rollout] = await db()
    .insert(rollouts)
    .values({ serviceId: service!.id, revision: 1, kind: 'create', spec, status, actorType: 'user', actorUserId: owner.id, actorLabel: owner.email })
    .$returningId();
  return { rolloutId: rollout!.id, serviceId: service!.id };
}

async function jobsFor(rolloutId: number) {
  const { rows } = await pool.query<{ key: string; queue_name: string; task_identifier: string; payload: unknown }>(
    'SELECT j.key, j.queue_name, j.task_identifier, p.payload FROM graphile_worker.jobs j JOIN graphile_worker._private_jobs p ON p.id = j.id WHERE j.key = $1',
    [`rollout:${rolloutId}`],
  );
  return rows;
}

describe('outbox dispatcher', () => {
  it('re-adds a job for each queued rollout, in its service queue, exactly once however often it runs', async () => {
    const queued = await queuedRollout();
    const done = await queuedRollout('succeeded');
    await dispatchOutbox(db());
    await dispatchOutbox(db());
    expect(await jobsFor(queued.rolloutId)).toEqual([
      { key: `rollout:${queued.rolloutId}`, queue_name: `service:${queued.serviceId}`, task_identifier: 'rollout', payload: { rolloutId: queued.rolloutId } },
    ]);
    expect(await jobsFor(done.rolloutId)).toEqual([]);
    // Leave nothing pending for later runs' dispatchers to pick up.
    await pool.query('SELECT graphile_worker.remove_job($1)', [`rollout:${queued.rolloutId}`]);
    await db().update(rollouts).set({ status: 'cancelled' }).where(eq(rollouts.id, queued.rolloutId));
  });
});
