import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { startKubeSim, type KubeSim } from '../../../tools/kube-sim/src/index.ts';
import { makeProject, makeUser } from '../../../test/fixtures.ts';
import { clusterConnection } from '../clusters/secrets.ts';
import { registerDemoCluster } from './cluster.ts';

let first: KubeSim;
let restarted: KubeSim;
let projectId: number;

beforeAll(async () => {
  [first, restarted] = await Promise.all([startKubeSim({ port: 0 }), startKubeSim({ port: 0 })]);
  projectId = await makeProject(await makeUser('demo'));
});

afterAll(async () => {
  await db().delete(clusters).where(eq(clusters.projectId, projectId));
  await Promise.all([first.close(), restarted.close()]);
});

describe('the demo cluster', () => {
  it('is registered once, verified, and re-registered when kube-sim comes back with a new kubeconfig', async () => {
    const created = await registerDemoCluster(db(), projectId, first.kubeconfig);
    expect(created.change).toBe('created');
    expect(await registerDemoCluster(db(), projectId, first.kubeconfig)).toEqual({ clusterId: created.clusterId, change: 'unchanged' });
    expect(await registerDemoCluster(db(), projectId, restarted.kubeconfig)).toEqual({ clusterId: created.clusterId, change: 'updated' });
    const [row] = await db().select().from(clusters).where(eq(clusters.id, created.clusterId));
    expect(row).toMatchObject({ name: 'kube-sim', health: 'healthy', apiServerUrl: restarted.url, dnsName: 'kube-sim.localhost' });
    expect((await clusterConnection(db(), created.clusterId)).kubeconfig).toContain(restarted.token);
  });
});
