import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../tools/kube-sim/src/index.ts';
import { seal } from '../crypto/seal.ts';
import { clusterClient, forgetClusterClient } from './client.ts';
import { KubeError } from './errors.ts';

// The per-cluster client cache: built from the sealed kubeconfig, reused while it is unchanged,
// rebuilt when the kubeconfig or the context changes.

let sim: KubeSim;
let other: KubeSim;
const where = (id: number) => ({ table: 'clusters', column: 'kubeconfig_sealed', id });

beforeAll(async () => {
  [sim, other] = await Promise.all([startKubeSim({ port: 0 }), startKubeSim({ port: 0 })]);
});
afterAll(async () => {
  await Promise.all([sim.close(), other.close()]);
});

describe('clusterClient', () => {
  it('unseals the kubeconfig bound to its row and talks to the cluster', async () => {
    const id = 9001;
    const client = clusterClient({ id, kubeconfigSealed: seal(sim.kubeconfig, where(id)), context: 'kube-sim' });
    expect(await client.version()).toMatch(/^v1\./);
    await forgetClusterClient(id);
  });

  it('is cached per cluster while the sealed kubeconfig and context stay the same', async () => {
    const id = 9002;
    const row = { id, kubeconfigSealed: seal(sim.kubeconfig, where(id)), context: 'kube-sim' };
    const first = clusterClient(row);
    expect(clusterClient({ ...row })).toBe(first);
    await first.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cache-a' } }]);

    // A new kubeconfig (another cluster): a new client, talking to the new server.
    const replaced = clusterClient({ ...row, kubeconfigSealed: seal(other.kubeconfig, where(id)) });
    expect(replaced).not.toBe(first);
    expect(other.store.get('namespaces', undefined, 'cache-a')).toBeUndefined();
    await replaced.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cache-b' } }]);
    expect(other.store.get('namespaces', undefined, 'cache-b')).toBeDefined();

    const recontext = clusterClient({ ...row, kubeconfigSealed: seal(other.kubeconfig, where(id)), context: 'other' });
    await expect(recontext.version()).rejects.toThrow(/the kubeconfig stored for this cluster cannot be used: the kubeconfig has no context "other"/);
    await forgetClusterClient(id);
  });

  it('refuses a kubeconfig sealed for another row', async () => {
    const client = clusterClient({ id: 9003, kubeconfigSealed: seal(sim.kubeconfig, where(1234)), context: 'kube-sim' });
    await expect(client.version()).rejects.toMatchObject({ kind: 'invalid', retryable: false, message: expect.stringMatching(/cannot unseal clusters.kubeconfig_sealed of row 9003/) });
    await forgetClusterClient(9003);
  });

  it('reports an unreachable cluster as a retryable KubeError', async () => {
    const id = 9004;
    const dead = await startKubeSim({ port: 0 });
    const kubeconfig = dead.kubeconfig;
    await dead.close();
    const client = clusterClient({ id, kubeconfigSealed: seal(kubeconfig, where(id)), context: 'kube-sim' });
    const err = await client.version().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect(err).toMatchObject({ kind: 'unreachable', retryable: true });
    await forgetClusterClient(id);
  });
});
