import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startKubeSim, type KubeSim } from '../../tools/kube-sim/src/index.ts';
import { generateServingCerts } from '../../tools/kube-sim/src/tls.ts';
import { simAdmin } from '../../test/kube-sim.ts';
import { verifyCluster } from './verify.ts';

// verifyCluster against a real HTTPS kube-sim: each failure a person can meet, with its stage and
// a message that says what to do.

let sim: KubeSim;

const admin = (path: string, body?: unknown, method?: string) => simAdmin(sim, path, body, method);

type Doc = { clusters: { cluster: Record<string, unknown> }[]; users: { user: Record<string, unknown> }[] };
function edit(mutate: (doc: Doc) => void): string {
  const doc = parse(sim.kubeconfig) as Doc;
  mutate(doc);
  return stringify(doc);
}

beforeAll(async () => {
  sim = await startKubeSim({ port: 0, speed: 50 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await admin('/_sim/access', undefined, 'DELETE');
});

describe('verifyCluster', () => {
  it('reaches kube-sim over TLS, reads its version and finds every permission granted', async () => {
    const result = await verifyCluster(sim.kubeconfig, undefined);
    expect(result).toEqual({ ok: true, context: 'kube-sim', apiServerUrl: sim.url, kubernetesVersion: expect.stringMatching(/^v1\.\d+/) });
  });

  it('names each denied verb and resource (403)', async () => {
    await admin('/_sim/access', { deny: [{ verb: 'delete', resource: 'deployments', group: 'apps' }, { verb: 'create', resource: 'ingresses' }] });
    const result = await verifyCluster(sim.kubeconfig, 'kube-sim');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.stage).toBe('forbidden');
    expect(result.denied).toEqual([
      { verb: 'delete', group: 'apps', resource: 'deployments' },
      { verb: 'create', group: 'networking.k8s.io', resource: 'ingresses' },
    ]);
    expect(result.message).toContain('may not delete deployments.apps, create ingresses.networking.k8s.io');
    expect(result.message).toContain('ClusterRole');
  });

  it('checks the traffic router kinds only when asked', async () => {
    await admin('/_sim/access', { deny: [{ verb: 'patch', resource: 'httproutes' }] });
    expect((await verifyCluster(sim.kubeconfig, undefined)).ok).toBe(true);
    const result = await verifyCluster(sim.kubeconfig, undefined, { trafficRouter: 'gateway-api' });
    expect(result).toMatchObject({ ok: false, stage: 'forbidden', denied: [{ verb: 'patch', group: 'gateway.networking.k8s.io', resource: 'httproutes' }] });
  });

  it('says the token was rejected (401)', async () => {
    const result = await verifyCluster(edit((d) => { d.users[0]!.user.token = 'wrong-token'; }), undefined);
    expect(result).toMatchObject({ ok: false, stage: 'unauthorized' });
    if (!result.ok) expect(result.message).toMatch(/^401 Unauthorized: .* rejected the credentials/);
  });

  it('says the certificate is signed by an unknown authority (TLS)', async () => {
    const other = await generateServingCerts();
    const result = await verifyCluster(edit((d) => { d.clusters[0]!.cluster['certificate-authority-data'] = Buffer.from(other.caPem).toString('base64'); }), undefined);
    expect(result).toMatchObject({ ok: false, stage: 'tls' });
    if (!result.ok) expect(result.message).toContain('certificate signed by unknown authority');
  });

  it('says nothing listens on an unreachable port', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const result = await verifyCluster(edit((d) => { d.clusters[0]!.cluster.server = `https://127.0.0.1:${port}`; }), undefined);
    expect(result).toMatchObject({ ok: false, stage: 'connect' });
    if (!result.ok) expect(result.message).toContain(`connection refused by 127.0.0.1:${port}`);
  });

  it('says the host name was not found (DNS)', async () => {
    const result = await verifyCluster(edit((d) => { d.clusters[0]!.cluster.server = 'https://no-such-cluster.invalid:6443'; }), undefined);
    expect(result).toMatchObject({ ok: false, stage: 'dns' });
    if (!result.ok) expect(result.message).toContain('no-such-cluster.invalid:6443 was not found');
  });

  it('gives up after the timeout when the server accepts but never answers', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    try {
      const started = Date.now();
      const result = await verifyCluster(edit((d) => { d.clusters[0]!.cluster.server = `https://127.0.0.1:${port}`; }), undefined, { timeoutMs: 1500 });
      expect(result).toMatchObject({ ok: false, stage: 'timeout' });
      if (!result.ok) expect(result.message).toContain('within 2 s');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.close();
    }
  });

  it('reports a kubeconfig problem without connecting', async () => {
    const result = await verifyCluster(edit((d) => { d.users[0]!.user = { exec: { command: 'aws' } }; }), undefined);
    expect(result).toMatchObject({ ok: false, stage: 'kubeconfig' });
    if (!result.ok) expect(result.message).toContain('exec plugin');
  });
});
