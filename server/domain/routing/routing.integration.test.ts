import { eq } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../db/client.ts';
import { clusters } from '../../../db/schema/clusters.ts';
import { closeQueue } from '../../jobs/queue.ts';
import { closePublisher } from '../../live/publish.ts';
import { discardQueuedRollouts, makeApplication, rolloutEnded } from '../../../test/deploy-fixtures.ts';
import { callerAs, errorOf, makeProject, makeUser, type TestUser } from '../../../test/fixtures.ts';
import { registerSimCluster, simGet, startTestKubeSim } from '../../../test/kube-sim.ts';
import { startTestWorker } from '../../../test/worker.ts';
import type { KubeSim } from '../../../tools/kube-sim/src/index.ts';

// Weighted traffic end to end: the real API, queue, worker and kube-sim over TLS. Each test looks
// at what a user would see: the route object in the cluster and the rows in the history.

type BackendRef = { name: string; port: number; weight: number };
type HttpRoute = { metadata: { annotations: Record<string, string> }; spec: { parentRefs: { name: string; namespace: string }[]; hostnames: string[]; rules: { backendRefs: BackendRef[] }[] } };
type VirtualService = { spec: { hosts: string[]; gateways: string[]; http: { route: { destination: { host: string }; weight: number }[] }[] } };

let sim: KubeSim;
let worker: Runner;
let editor: TestUser;
let projectId: number;
let gatewayCluster: number;
let plainCluster: number;
const api = () => callerAs(editor.actor);
const serviceIds: number[] = [];

const k8s = <T>(path: string) => simGet<T>(sim, path);

const ended = (rolloutId: number, timeoutMs = 60_000) => rolloutEnded(projectId, rolloutId, timeoutMs);

async function level(applicationId: number, clusterId: number, count: number, lvl: 'production' | 'staging' = 'production') {
  const made = [];
  for (let i = 0; i < count; i++) {
    made.push(await api().service.create({ applicationId, clusterId, level: lvl, displayName: `variant ${String.fromCharCode(65 + i)}`, spec: { image: `example/iris:${i + 1}`, port: 5000 + i } }));
  }
  serviceIds.push(...made.map((m) => m.serviceId));
  return made;
}

const weightsOf = (route: HttpRoute | undefined) => route?.spec.rules[0]?.backendRefs.map((b) => [b.name, b.port, b.weight]);

beforeAll(async () => {
  sim = await startTestKubeSim({ speed: 50 });
  editor = await makeUser('routing-editor');
  projectId = await makeProject(editor, 'routing');
  gatewayCluster = await registerSimCluster(projectId, sim, { dnsName: 'ml.example.test' });
  await db().update(clusters).set({ trafficRouter: 'gateway-api', gatewayName: 'models', gatewayNamespace: 'gateways' }).where(eq(clusters.id, gatewayCluster));
  plainCluster = await registerSimCluster(projectId, sim, { dnsName: 'plain.example.test' });
  worker = await startTestWorker();
});

afterAll(async () => {
  await worker?.stop();
  await discardQueuedRollouts(serviceIds);
  await Promise.all([closeQueue(), closePublisher()]);
  await sim?.close();
});

describe('weighted traffic on kube-sim', () => {
  it('applies 70/20/10 as an HTTPRoute on the Gateway, then rolls a later split back', async () => {
    const applicationId = await makeApplication(projectId, 'iris');
    const [a, b, c] = await level(applicationId, gatewayCluster, 3);
    const before = await api().routing.get({ applicationId, level: 'production' });
    expect(before).toMatchObject({ router: 'gateway-api', problem: null, desired: null, host: 'iris-production.ml.example.test' });
    expect(before.services.map((s) => s.weight)).toEqual([null, null, null]);

    const first = await api().routing.setWeights({
      applicationId,
      level: 'production',
      weights: [
        { serviceId: a!.serviceId, weight: 70 },
        { serviceId: b!.serviceId, weight: 20 },
        { serviceId: c!.serviceId, weight: 10 },
      ],
      reason: 'start the A/B/C test',
    });
    expect(await ended(first.rolloutId)).toMatchObject({ status: 'succeeded', kind: 'routing', serviceId: a!.serviceId });
    const [nameA, nameB, nameC] = (await api().routing.get({ applicationId, level: 'production' })).services.map((s) => s.k8sName);
    let route = await k8s<HttpRoute>('/apis/gateway.networking.k8s.io/v1/namespaces/production/httproutes/iris-production');
    expect(route?.spec.parentRefs).toEqual([expect.objectContaining({ name: 'models', namespace: 'gateways' })]);
    expect(route?.spec.hostnames).toEqual(['iris-production.ml.example.test']);
    expect(weightsOf(route)).toEqual([
      [nameA, 5000, 70],
      [nameB, 5001, 20],
      [nameC, 5002, 10],
    ]);

    const second = await api().routing.setWeights({
      applicationId,
      level: 'production',
      weights: [
        { serviceId: a!.serviceId, weight: 0 },
        { serviceId: b!.serviceId, weight: 50 },
        { serviceId: c!.serviceId, weight: 50 },
      ],
    });
    expect(await ended(second.rolloutId)).toMatchObject({ status: 'succeeded' });
    route = await k8s<HttpRoute>('/apis/gateway.networking.k8s.io/v1/namespaces/production/httproutes/iris-production');
    expect(weightsOf(route)?.map((w) => w[2])).toEqual([0, 50, 50]);

    const back = await api().routing.rollback({ applicationId, level: 'production', toRolloutId: first.rolloutId, reason: 'C regressed' });
    expect(await ended(back.rolloutId)).toMatchObject({ status: 'succeeded', kind: 'rollback', rollbackToRolloutId: first.rolloutId });
    route = await k8s<HttpRoute>('/apis/gateway.networking.k8s.io/v1/namespaces/production/httproutes/iris-production');
    expect(weightsOf(route)?.map((w) => w[2])).toEqual([70, 20, 10]);
    expect(route?.metadata.annotations['drucker.io/rollout-id']).toBe(String(back.rolloutId));

    const after = await api().routing.get({ applicationId, level: 'production' });
    expect(after.services.map((s) => s.weight)).toEqual([70, 20, 10]);
    expect(after.applied).toEqual(after.desired);
    expect(after.history.map((h) => [h.kind, h.status])).toEqual([
      ['rollback', 'succeeded'],
      ['routing', 'succeeded'],
      ['routing', 'succeeded'],
    ]);
    // Traffic changes are not deploys: the services stay as they were, and their own history shows them as such.
    expect((await api().service.list({ applicationId })).map((s) => s.status)).toEqual(['running', 'running', 'running']);
    const audit = await api().audit.list({ projectId });
    expect(audit.events.map((e) => e.action)).toEqual(expect.arrayContaining(['routing.setWeights', 'routing.rollback']));
    expect(audit.events.find((e) => e.action === 'routing.setWeights')?.summary).toMatch(/set the production traffic of iris to variant A 0%, variant B 50%, variant C 50%/);

    const again = await errorOf(api().routing.rollback({ applicationId, level: 'production', toRolloutId: first.rolloutId }));
    expect(again).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringMatching(/already asks for revision/) });
  });

  it('applies a VirtualService with weighted routes when the cluster uses Istio', async () => {
    await db().update(clusters).set({ trafficRouter: 'istio', gatewayName: 'ingress', gatewayNamespace: 'istio-system' }).where(eq(clusters.id, gatewayCluster));
    try {
      const applicationId = await makeApplication(projectId, 'wine');
      const [a, b] = await level(applicationId, gatewayCluster, 2, 'staging');
      const { rolloutId } = await api().routing.setWeights({
        applicationId,
        level: 'staging',
        weights: [
          { serviceId: a!.serviceId, weight: 25 },
          { serviceId: b!.serviceId, weight: 75 },
        ],
      });
      expect(await ended(rolloutId)).toMatchObject({ status: 'succeeded' });
      const vs = await k8s<VirtualService>('/apis/networking.istio.io/v1/namespaces/staging/virtualservices/wine-staging');
      expect(vs?.spec.gateways).toEqual(['istio-system/ingress', 'mesh']);
      expect(vs?.spec.hosts).toEqual(['wine-staging.ml.example.test', 'wine-staging.staging.svc.cluster.local']);
      expect(vs?.spec.http[0]?.route.map((r) => r.weight)).toEqual([25, 75]);
      expect(vs?.spec.http[0]?.route[0]?.destination.host).toMatch(/^wine-staging-[a-z0-9]+\.staging\.svc\.cluster\.local$/);
    } finally {
      await db().update(clusters).set({ trafficRouter: 'gateway-api', gatewayName: 'models', gatewayNamespace: 'gateways' }).where(eq(clusters.id, gatewayCluster));
    }
  });

  it('refuses weights without a router, for unknown or missing services, and when nothing changes', async () => {
    const plainApp = await makeApplication(projectId, 'plain');
    const [p] = await level(plainApp, plainCluster, 1);
    const noRouter = await errorOf(api().routing.setWeights({ applicationId: plainApp, level: 'production', weights: [{ serviceId: p!.serviceId, weight: 100 }] }));
    expect(noRouter).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringMatching(/has no traffic router, so the production host splits traffic by ready pods/) });
    expect((await api().routing.get({ applicationId: plainApp, level: 'production' })).problem).toMatch(/splits traffic by ready pods/);

    const applicationId = await makeApplication(projectId, 'sms');
    const [a, b] = await level(applicationId, gatewayCluster, 2);
    const missing = await errorOf(api().routing.setWeights({ applicationId, level: 'production', weights: [{ serviceId: a!.serviceId, weight: 100 }] }));
    expect(missing).toMatchObject({ code: 'BAD_REQUEST', message: 'Give a weight (0 is allowed) for every service at production; missing: variant B.' });
    const stranger = await errorOf(
      api().routing.setWeights({ applicationId, level: 'production', weights: [{ serviceId: a!.serviceId, weight: 50 }, { serviceId: b!.serviceId, weight: 25 }, { serviceId: p!.serviceId, weight: 25 }] }),
    );
    expect(stranger).toMatchObject({ code: 'BAD_REQUEST', message: `Service ${p!.serviceId} is not a service of this application at production.` });
    const sum = await errorOf(api().routing.setWeights({ applicationId, level: 'production', weights: [{ serviceId: a!.serviceId, weight: 50 }, { serviceId: b!.serviceId, weight: 40 }] }));
    expect(sum.message).toMatch(/the weights add up to 90; they must add up to 100/);

    const weights = [
      { serviceId: a!.serviceId, weight: 60 },
      { serviceId: b!.serviceId, weight: 40 },
    ];
    await api().routing.setWeights({ applicationId, level: 'production', weights });
    expect(await errorOf(api().routing.setWeights({ applicationId, level: 'production', weights }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/Nothing to change/) });
  });

  it('serializes parallel weight changes of one level: distinct revisions, the last one wins', async () => {
    const applicationId = await makeApplication(projectId, 'par');
    const [a, b] = await level(applicationId, gatewayCluster, 2);
    const splits = [10, 20, 30, 40, 50, 60].map((w) => [
      { serviceId: a!.serviceId, weight: w },
      { serviceId: b!.serviceId, weight: 100 - w },
    ]);
    const started = await Promise.all(splits.map((weights) => api().routing.setWeights({ applicationId, level: 'production', weights })));
    const rows = await Promise.all(started.map((s) => ended(s.rolloutId)));
    expect(new Set(rows.map((r) => r.revision)).size).toBe(splits.length);
    const newest = rows.reduce((x, y) => (y.revision > x.revision ? y : x));
    expect(newest.status).toBe('succeeded');
    const state = await api().routing.get({ applicationId, level: 'production' });
    const route = await k8s<HttpRoute>('/apis/gateway.networking.k8s.io/v1/namespaces/production/httproutes/par-production');
    expect(weightsOf(route)?.map((w) => w[2])).toEqual(state.desired?.map((w) => w.weight));
    expect(route?.metadata.annotations['drucker.io/rollout-id']).toBe(String(newest.id));
  });
});
