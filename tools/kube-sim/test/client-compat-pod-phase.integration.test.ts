import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNamespace, waitFor } from './api-harness.ts';
import { ok, startClients, type Clients } from './clients.ts';

// Issue 7, item 3: the kubelet's phase rule. A pod with a container that has never started (still
// waiting, no previous termination) is Pending even when another container runs; a container in
// CrashLoopBackOff has terminated before, so it counts as stopped and the pod stays Running.

let c: Clients;
beforeAll(async () => {
  c = await startClients();
});
afterAll(async () => {
  await c.close();
});

type Status = { phase: string; containerStatuses?: { name: string; state: Record<string, { reason?: string }> }[] };

async function podStatus(ns: string, name: string, until: (s: Status) => boolean): Promise<Status> {
  return waitFor(`pod ${name} status`, async () => {
    const s = (await c.python(`out(core.read_namespaced_pod(V['name'], V['ns']).status)`, { ns, name })) as Status;
    return until(s) ? s : undefined;
  }, 30_000);
}

const stateOf = (s: Status, name: string): string => Object.keys(s.containerStatuses?.find((x) => x.name === name)?.state ?? {})[0] ?? '';
const reasonOf = (s: Status, name: string): string | undefined => s.containerStatuses?.find((x) => x.name === name)?.state.waiting?.reason;

describe('pod phase', () => {
  it('is Pending while a container is in ImagePullBackOff beside a running one (Python client, kubectl)', async () => {
    const ns = await makeNamespace(c);
    await c.core.createNamespacedPod({
      namespace: ns,
      body: { metadata: { name: 'mixed' }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }, { name: 'sidecar', image: 'envoy:bad-pull' }] } },
    });
    const s = await podStatus(ns, 'mixed', (x) => stateOf(x, 'app') === 'running' && reasonOf(x, 'sidecar') === 'ImagePullBackOff');
    expect(s.phase).toBe('Pending');
    expect(ok(await c.kubectl(['get', 'pod', 'mixed', '-n', ns, '-o', 'jsonpath={.status.phase}']))).toBe('Pending');
    const pod = await c.core.readNamespacedPod({ namespace: ns, name: 'mixed' });
    expect(pod.status?.phase).toBe('Pending');
  });

  it('is Running when every container runs, and stays Running while one crash-loops', async () => {
    const ns = await makeNamespace(c);
    await c.core.createNamespacedPod({
      namespace: ns,
      body: { metadata: { name: 'crashy' }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }, { name: 'worker', image: 'example/crashloop:1' }] } },
    });
    const s = await podStatus(ns, 'crashy', (x) => stateOf(x, 'app') === 'running' && reasonOf(x, 'worker') === 'CrashLoopBackOff');
    expect(s.phase).toBe('Running');
    await c.core.createNamespacedPod({ namespace: ns, body: { metadata: { name: 'fine' }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } });
    expect((await podStatus(ns, 'fine', (x) => stateOf(x, 'app') === 'running')).phase).toBe('Running');
  });
});
