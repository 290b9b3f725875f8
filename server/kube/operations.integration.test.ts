import { randomBytes } from 'node:crypto';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { ConfigMap, Pod, Service } from 'kubernetes-types/core/v1';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KubeSim } from '../../tools/kube-sim/src/index.ts';
import { simAdmin, startSimCluster, type SimCluster } from '../../test/kube-sim.ts';
import type { ClusterClient, KubeObject } from './cluster-client.ts';
import { KubeError } from './errors.ts';

// The ClusterClient operations against kube-sim over HTTPS: server-side apply, delete, reads,
// and the watch riding out injected API errors, latency, dropped watches, resets and 410 Gone.

let sim: KubeSim;
let client: ClusterClient;
let cluster: SimCluster;

const admin = (path: string, body?: unknown, method?: string) => simAdmin(sim, path, body, method);
const unique = (p: string) => `${p}-${randomBytes(3).toString('hex')}`;

function deployment(namespace: string, name: string, opts: { image?: string; replicas?: number; env?: { name: string; value: string }[] } = {}): KubeObject & Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { 'drucker.io/test': name } },
    spec: {
      replicas: opts.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, 'drucker.io/test': name } },
        spec: { containers: [{ name: 'main', image: opts.image ?? 'example/iris:1', ports: [{ containerPort: 5000 }], env: opts.env ?? [] }] },
      },
    },
  };
}

/** kubectl rollout status's verdict, enough for these tests (the real judgement is in domain/rollouts). */
function complete(d: Deployment | null): boolean {
  if (!d?.status || !d.metadata?.generation) return false;
  const want = d.spec?.replicas ?? 1;
  const s = d.status;
  return (s.observedGeneration ?? 0) >= d.metadata.generation && (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want;
}

async function namespace(): Promise<string> {
  const name = unique('ops');
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }]);
  return name;
}

beforeAll(async () => {
  cluster = await startSimCluster({ speed: 40, watchWindow: 50 });
  ({ sim, client } = cluster);
});
afterAll(async () => {
  await cluster.close();
});
beforeEach(async () => {
  await admin('/_sim/faults', undefined, 'DELETE');
});

describe('apply', () => {
  it('creates and updates with server-side apply under the drucker field manager, dropping fields no longer sent', async () => {
    const ns = await namespace();
    const name = unique('web');
    const [created] = await client.apply([deployment(ns, name, { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] })]);
    expect(created?.metadata.managedFields?.map((f) => [f.manager, f.operation])).toEqual([['drucker', 'Apply']]);
    await client.apply([deployment(ns, name, { env: [{ name: 'A', value: '3' }] })]);
    const stored = await client.getDeployment(ns, name);
    expect(stored?.spec?.template.spec?.containers[0]?.env).toEqual([{ name: 'A', value: '3' }]);
    expect(stored?.metadata?.generation).toBe(2);
  });

  it('is a no-op when applied again unchanged (a retried job)', async () => {
    const ns = await namespace();
    const name = unique('web');
    await client.apply([deployment(ns, name)]);
    const [again] = await client.apply([deployment(ns, name)]);
    // The controller writes status meanwhile; the spec (generation) must not move.
    expect(again?.metadata.generation).toBe(1);
  });

  it('takes fields back from another manager (force)', async () => {
    const ns = await namespace();
    const name = unique('web');
    await client.apply([deployment(ns, name)]);
    const other = await fetchAsOtherManager(ns, name);
    expect(other).toBe(200);
    await client.apply([deployment(ns, name, { replicas: 2 })]);
    expect((await client.getDeployment(ns, name))?.spec?.replicas).toBe(2);
  });

  it('keeps the live replica count when a Deployment starts leaving replicas to an HPA', async () => {
    const ns = await namespace();
    const name = unique('web');
    await client.apply([deployment(ns, name, { replicas: 3 })]);
    const handedOver = deployment(ns, name, { replicas: 3 });
    delete handedOver.spec?.replicas;
    await client.apply([handedOver]);
    expect((await client.getDeployment(ns, name))?.spec?.replicas).toBe(3);
    // Fixed replicas again: Drucker takes the field back.
    await client.apply([deployment(ns, name, { replicas: 2 })]);
    expect((await client.getDeployment(ns, name))?.spec?.replicas).toBe(2);
  });

  it('keeps the API server message verbatim for invalid objects (422, not retryable)', async () => {
    const ns = await namespace();
    const bad = deployment(ns, 'Bad_Name');
    const err = await client.apply([bad]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect(err).toMatchObject({ kind: 'invalid', retryable: false, status: 422 });
    expect((err as Error).message).toContain('Deployment.apps "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"');
  });

  it('classifies 403 as forbidden (not retryable) and rides out a few 500s', async () => {
    const ns = await namespace();
    await admin('/_sim/faults/errors', { verb: 'patch', resource: 'deployments', code: 403, message: 'deployments.apps is forbidden: User "drucker" cannot patch resource "deployments"', count: 1 });
    const err = await client.apply([deployment(ns, unique('web'))]).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'forbidden', retryable: false, message: 'deployments.apps is forbidden: User "drucker" cannot patch resource "deployments"' });

    await admin('/_sim/faults/errors', { verb: 'patch', resource: 'deployments', code: 500, count: 3 });
    const name = unique('web');
    await client.apply([deployment(ns, name)]);
    expect(await client.getDeployment(ns, name)).not.toBeNull();
  });

  it('gives up with a retryable error when the server keeps failing', async () => {
    const ns = await namespace();
    await admin('/_sim/faults/errors', { verb: 'patch', resource: 'deployments', code: 503 });
    const err = await client.apply([deployment(ns, unique('web'))]).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'server', retryable: true, status: 503 });
  });

  it('names what Drucker does not manage', async () => {
    await expect(client.apply([{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x', namespace: 'default' } }])).rejects.toThrow('Drucker does not manage Job (batch/v1)');
  });
});

async function fetchAsOtherManager(ns: string, name: string): Promise<number> {
  const { fetch, Agent } = await import('undici');
  const res = await fetch(`${sim.url}/apis/apps/v1/namespaces/${ns}/deployments/${name}?fieldManager=kubectl-edit`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/merge-patch+json' },
    body: JSON.stringify({ spec: { replicas: 5 } }),
    dispatcher: new Agent({ connect: { ca: sim.caPem } }),
  });
  return res.status;
}

describe('remove', () => {
  it('deletes, and counts an object already gone as removed', async () => {
    const ns = await namespace();
    const name = unique('web');
    const service: KubeObject & Service = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ port: 80 }] } };
    await client.apply([deployment(ns, name), service]);
    const refs = [
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name },
      { apiVersion: 'v1', kind: 'Service', namespace: ns, name },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace: ns, name: 'never-existed' },
    ];
    await client.remove(refs);
    expect(await client.getDeployment(ns, name)).toBeNull();
    expect(sim.store.get('services', ns, name)).toBeUndefined();
    await client.remove(refs);
  });
});

describe('reads', () => {
  it('lists pods, their events and logs, and objects by label', async () => {
    const ns = await namespace();
    const name = unique('web');
    await client.apply([deployment(ns, name, { replicas: 2 })]);
    await client.watchDeployment(ns, name, (d) => complete(d));
    const pods = await client.listPods(ns, `app=${name}`);
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true);
    const events = await client.listEvents(ns, [name, ...pods.map((p) => p.metadata?.name ?? '')]);
    expect(events.map((e) => e.reason)).toEqual(expect.arrayContaining(['ScalingReplicaSet', 'Scheduled', 'Started']));
    const times = events.map((e) => Date.parse(e.lastTimestamp ?? e.eventTime ?? ''));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(await client.podLog(ns, pods[0]?.metadata?.name ?? '', { tailLines: 5 })).not.toBe('');
    const found = await client.listByLabel({ apiVersion: 'apps/v1', kind: 'Deployment' }, `drucker.io/test=${name}`);
    expect(found.map((o) => [o.kind, o.metadata.namespace, o.metadata.name])).toEqual([['Deployment', ns, name]]);
    await expect(client.podLog(ns, 'no-such-pod')).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('watchDeployment', () => {
  it('reports null until the Deployment exists, then every change until the callback says stop', async () => {
    const ns = await namespace();
    const name = unique('web');
    const seen: (Deployment | null)[] = [];
    const watching = client.watchDeployment(ns, name, (d) => {
      seen.push(d);
      return complete(d);
    });
    await new Promise((r) => setTimeout(r, 100));
    await client.apply([deployment(ns, name)]);
    await watching;
    expect(seen[0]).toBeNull();
    expect(complete(seen.at(-1) ?? null)).toBe(true);
  });

  it("ends with the callback's own error, without retrying it", async () => {
    const ns = await namespace();
    let calls = 0;
    const watching = client.watchDeployment(ns, 'anything', () => {
      calls++;
      throw new Error('the rollout row is gone');
    });
    await expect(watching).rejects.toThrow('the rollout row is gone');
    expect(calls).toBe(1);
  });

  it('stops when the signal aborts', async () => {
    const ns = await namespace();
    const controller = new AbortController();
    const watching = client.watchDeployment(ns, 'never', () => false, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('rollout cancelled')), 100);
    await expect(watching).rejects.toThrow('rollout cancelled');
  });

  it('delivers the final state through 20 % API errors, latency, dropped watches and connection resets', async () => {
    const ns = await namespace();
    const name = unique('web');
    await client.apply([deployment(ns, name, { replicas: 3 })]);
    await admin('/_sim/faults/errors', { code: 500, rate: 0.2 });
    await admin('/_sim/faults/latency', { ms: 30 });
    await admin('/_sim/faults/watch-drops', { resource: 'deployments', afterEvents: 1, count: 20 });
    await admin('/_sim/faults/resets', { rate: 0.1 });
    const retries: string[] = [];
    // Update while faults fire; the watch must see revision 2 complete.
    const applied = (async () => {
      await client.apply([deployment(ns, name, { replicas: 3, image: 'example/iris:2' })]);
    })();
    let last: Deployment | null = null;
    await client.watchDeployment(
      ns,
      name,
      (d) => {
        last = d;
        return complete(d) && d?.spec?.template.spec?.containers[0]?.image === 'example/iris:2';
      },
      { onRetry: (e) => retries.push(e.kind) },
    );
    await applied;
    await admin('/_sim/faults', undefined, 'DELETE');
    const final = await client.getDeployment(ns, name);
    expect(complete(final)).toBe(true);
    expect(final?.spec?.template.spec?.containers[0]?.image).toBe('example/iris:2');
    expect(last).not.toBeNull();
    expect(retries.length).toBeGreaterThan(0);
  });

  it('lists again when its resourceVersion is too old to resume (410 Gone)', async () => {
    const ns = await namespace();
    const name = unique('web');
    await client.apply([deployment(ns, name, { replicas: 1 })]);
    let calls = 0;
    await client.watchDeployment(ns, name, async (d) => {
      calls++;
      if (calls === 1) {
        // While the list's version is still unused, push it out of kube-sim's 50-change window
        // and make the change the watch must still deliver.
        for (let i = 0; i < 60; i++) {
          const filler: KubeObject & ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `filler-${i}`, namespace: ns }, data: { i: String(i) } };
          await client.apply([filler]);
        }
        await client.apply([deployment(ns, name, { replicas: 1, image: 'example/iris:after-gone' })]);
        return false;
      }
      return d?.spec?.template.spec?.containers[0]?.image === 'example/iris:after-gone';
    });
    expect(calls).toBeGreaterThan(1);
  });
});

describe('watchList', () => {
  it('follows the pods of a selection as they come and go', async () => {
    const ns = await namespace();
    const name = unique('web');
    await client.apply([deployment(ns, name, { replicas: 2 })]);
    let ready: string[] = [];
    await client.watchList({ apiVersion: 'v1', kind: 'Pod' }, ns, `app=${name}`, (pods: (KubeObject & Pod)[]) => {
      ready = pods.filter((p) => p.status?.phase === 'Running').map((p) => p.metadata.name);
      return ready.length === 2;
    });
    expect(ready).toHaveLength(2);
  });
});
