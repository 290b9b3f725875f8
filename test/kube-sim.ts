import { eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { clusters } from '../db/schema/clusters.ts';
import { seal } from '../server/crypto/seal.ts';
import { startKubeSim, type KubeSim, type KubeSimOptions } from '../tools/kube-sim/src/index.ts';
import { unique } from './fixtures.ts';

// A real simulated cluster for Drucker's tests: kube-sim in this process, over TLS with its own CA,
// reached through its kubeconfig exactly as a real cluster would be.

export async function startTestKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  return startKubeSim({ tls: true, speed: 50, ...options });
}

/** A cluster row for a kube-sim (inserted directly: these tests are about what runs on it, not about adding it). */
export async function registerSimCluster(projectId: number, sim: KubeSim, options: { dnsName?: string; name?: string; nodePinning?: boolean } = {}): Promise<number> {
  const name = options.name ?? unique('sim');
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(clusters)
      .values({
        projectId,
        name,
        kubeconfigSealed: '',
        context: 'kube-sim',
        apiServerUrl: sim.url,
        dnsName: options.dnsName ?? 'sim.example.test',
        nodePinning: options.nodePinning ?? false,
        health: 'healthy',
        modelStorage: { write: { kind: 'fs', dir: `./data/test-clusters/${name}` }, pods: { kind: 'hostPath', path: '/mnt/drucker-model' }, mountPath: '/mnt/drucker-model' },
      })
      .$returningId();
    const id = row!.id;
    await tx.update(clusters).set({ kubeconfigSealed: seal(sim.kubeconfig, { table: 'clusters', column: 'kubeconfig_sealed', id }) }).where(eq(clusters.id, id));
    return id;
  });
}

/** A JSON request to kube-sim's API or its /_sim/ admin routes, with its token and CA. */
export async function simRequest<T = unknown>(sim: KubeSim, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const { request, Agent } = await import('node:https');
  const agent = new Agent({ ca: sim.caPem });
  return new Promise((resolve, reject) => {
    const req = request(`${sim.url}${path}`, { method, agent, headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
