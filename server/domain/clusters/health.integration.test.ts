import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { env } from '../../env.ts';
import { startKubeSim, type KubeSim } from '../../../tools/kube-sim/src/index.ts';
import { startBlackHole, startProxy, withServer } from '../../../test/cluster-fixtures.ts';
import { callerAs, makeProject, makeUser, unique, type TestUser } from '../../../test/fixtures.ts';
import { checkAllClusters } from './check-all.ts';
import { writeKubeconfig } from './secrets.ts';

let sim: KubeSim;
let admin: TestUser;
let projectId: number;

beforeAll(async () => {
  sim = await startKubeSim({ port: 0 });
  admin = await makeUser('admin');
  projectId = await makeProject(admin);
});

afterAll(async () => {
  await db().delete(clusters).where(eq(clusters.projectId, projectId));
  await sim.close();
});

async function addCluster(kubeconfig: string) {
  const { clusterId } = await callerAs(admin.actor).cluster.create({ projectId, name: unique('c'), dnsName: 'models.example.com', kubeconfig });
  return clusterId;
}

const rowOf = async (clusterId: number) => (await db().select().from(clusters).where(eq(clusters.id, clusterId)))[0]!;

describe('cluster health job', () => {
  it('marks a stopped cluster unreachable and a revived one healthy, keeping the last known version', async () => {
    const proxy = await startProxy(sim.url);
    try {
      const clusterId = await addCluster(withServer(sim.kubeconfig, proxy.url));
      const added = await rowOf(clusterId);

      await proxy.stop();
      await checkAllClusters(db(), { timeoutMs: 3_000 });
      const down = await rowOf(clusterId);
      expect(down).toMatchObject({ health: 'unreachable', kubernetesVersion: added.kubernetesVersion, lastHealthyAt: added.lastHealthyAt });
      expect(down.lastError).toMatch(/^Cluster verification failed: connection refused by 127\.0\.0\.1:\d+/);
      expect(down.lastCheckedAt!.getTime()).toBeGreaterThan(added.lastCheckedAt!.getTime());
      // Observed health is not an edit of the cluster.
      expect(down.updatedAt).toEqual(added.updatedAt);

      await proxy.start();
      const sweep = await checkAllClusters(db(), { timeoutMs: 3_000 });
      expect(sweep.checked).toBeGreaterThanOrEqual(1);
      const up = await rowOf(clusterId);
      expect(up).toMatchObject({ health: 'healthy', lastError: null });
      expect(up.lastHealthyAt).toEqual(up.lastCheckedAt);
      expect(up.lastHealthyAt!.getTime()).toBeGreaterThan(down.lastCheckedAt!.getTime());
    } finally {
      await proxy.stop();
    }
  });

  it('does not let a cluster that never answers delay the others', async () => {
    const hole = await startBlackHole();
    try {
      const slow = await addCluster(sim.kubeconfig);
      const fast = await addCluster(sim.kubeconfig);
      // Point the first at a port that accepts and never answers, as a hung API server would.
      await writeKubeconfig(db(), slow, withServer(sim.kubeconfig, hole.url));
      const started = Date.now();
      const sweep = await checkAllClusters(db(), { timeoutMs: 2_000, concurrency: 2 });
      const [slowRow, fastRow] = [await rowOf(slow), await rowOf(fast)];
      expect(slowRow.health).toBe('unreachable');
      expect(slowRow.lastError).toMatch(/timeout: no answer from .* within 2 s/);
      expect(fastRow.health).toBe('healthy');
      // The healthy one was recorded as soon as it was known, long before the slow one gave up.
      expect(slowRow.lastCheckedAt!.getTime() - fastRow.lastCheckedAt!.getTime()).toBeGreaterThan(1_000);
      expect(sweep.unhealthy).toContainEqual(expect.objectContaining({ clusterId: slow, health: 'unreachable' }));
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await hole.close();
    }
  });

  it('runs every minute from the worker: the task checks clusters through the real queue', async () => {
    const clusterId = await addCluster(sim.kubeconfig);
    await db().update(clusters).set({ health: 'unknown', lastCheckedAt: null }).where(inArray(clusters.id, [clusterId]));
    const { crontab } = await import('../../../workers/crontab.ts');
    expect(crontab).toMatch(/^\* \* \* \* \* cluster-health \?max=1&queue=cluster-health$/m);

    const pool = new pg.Pool({ connectionString: env().JOBS_DATABASE_URL });
    const worker = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../../workers/main.ts')], { env: { ...process.env, LOG_LEVEL: 'info' } });
    let output = '';
    for (const stream of [worker.stdout, worker.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      // The worker imports every task at start; on a loaded machine that takes a while.
      await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toMatch(/"msg":"worker started"/);
      await pool.query("SELECT graphile_worker.add_job('cluster-health', '{}'::json, queue_name => 'cluster-health')");
      await expect.poll(async () => (await rowOf(clusterId)).health, { timeout: 30_000, interval: 200 }).toBe('healthy');
      expect((await rowOf(clusterId)).lastCheckedAt).not.toBeNull();
    } finally {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
      await pool.end();
    }
  });
});
