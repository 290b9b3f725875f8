import { eq } from 'drizzle-orm';
import { Agent, fetch } from 'undici';
import { db } from '../db/client.ts';
import { clusters } from '../db/schema/clusters.ts';
import { clusterClient, forgetClusterClient } from '../server/kube/client.ts';
import type { ClusterClient } from '../server/kube/cluster-client.ts';
import { seal } from '../server/crypto/seal.ts';
import { startKubeSim, type KubeSim, type KubeSimOptions } from '../tools/kube-sim/src/index.ts';
import { unique } from './fixtures.ts';

// Integration tests' handle on a kube-sim: its /_sim/ admin routes (faults, access rules, images,
// clock) and a clusters row for it with the kubeconfig sealed as the app stores it.

const agents = new WeakMap<KubeSim, Agent>();

export async function simAdmin(sim: KubeSim, path: string, body?: unknown, method = 'POST'): Promise<unknown> {
  let agent = agents.get(sim);
  if (!agent) {
    agent = new Agent({ connect: { ca: sim.caPem } });
    agents.set(sim, agent);
  }
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    dispatcher: agent,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`kube-sim ${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** An object read from the sim, or undefined when it does not exist (404). */
export async function simGet<T>(sim: KubeSim, path: string): Promise<T | undefined> {
  try {
    return (await simAdmin(sim, path, undefined, 'GET')) as T;
  } catch (error) {
    if (String(error).includes(': 404 ')) return undefined;
    throw error;
  }
}

let nextId = 700_000 + Math.floor(Math.random() * 100_000);

/** A cluster row (id unique in this process) whose sealed kubeconfig reaches the simulator. */
export function simClusterRow(sim: KubeSim): { id: number; kubeconfigSealed: string; context: string } {
  const id = nextId++;
  return { id, kubeconfigSealed: seal(sim.kubeconfig, { table: 'clusters', column: 'kubeconfig_sealed', id }), context: 'kube-sim' };
}

export type SimCluster = { sim: KubeSim; client: ClusterClient; close(): Promise<void> };

/** A kube-sim over TLS and the gateway's client for it, as the worker would build it. */
export async function startSimCluster(opts: KubeSimOptions = {}): Promise<SimCluster> {
  const sim = await startKubeSim({ port: 0, ...opts });
  const row = simClusterRow(sim);
  return {
    sim,
    client: clusterClient(row),
    async close() {
      await forgetClusterClient(row.id);
      await sim.close();
    },
  };
}

export async function startTestKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  return startKubeSim({ tls: true, speed: 50, ...options });
}

/** A project's cluster row for a kube-sim (inserted directly: these tests are about what runs on it, not about adding it). */
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
