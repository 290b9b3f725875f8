import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiException, AuthorizationV1Api, Watch } from '@kubernetes/client-node';
import { startHarness, makeNamespace, statusOf, waitFor, type Harness } from './api-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sim.close();
});
beforeEach(async () => {
  expect((await h.raw('DELETE', '/_sim/faults')).status).toBe(200);
});

async function addFault(kind: string, body: Record<string, unknown>): Promise<string> {
  const res = await h.raw('POST', `/_sim/faults/${kind}`, { body });
  expect(res.status).toBe(201);
  return String(res.json().id);
}

describe('/_sim/ fault injection', () => {
  it('requires the token', async () => {
    expect((await h.raw('GET', '/_sim/faults', { token: null })).status).toBe(401);
  });

  it('injects an API error for one verb and resource, a given number of times, and lists it', async () => {
    const ns = await makeNamespace(h);
    const id = await addFault('errors', { verb: 'create', resource: 'configmaps', code: 503, count: 2 });
    const listed = (await h.raw('GET', '/_sim/faults')).json() as { faults: { id: string; code: number }[] };
    expect(listed.faults).toEqual([expect.objectContaining({ id, type: 'error', code: 503, count: 2 })]);
    for (let i = 0; i < 2; i++) {
      const failed = await statusOf(h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'c' } } }));
      expect(failed).toMatchObject({ code: 503, status: { kind: 'Status', reason: 'ServiceUnavailable', code: 503 } });
    }
    // Other verbs and resources were never affected; the third create goes through.
    await h.core.listNamespacedConfigMap({ namespace: ns });
    await h.core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 's' } } });
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'c' } } });
    expect(((await h.raw('GET', '/_sim/faults')).json() as { faults: unknown[] }).faults).toEqual([]);
  });

  it('fires at the configured rate', async () => {
    const ns = await makeNamespace(h);
    await addFault('errors', { verb: 'list', resource: 'configmaps', code: 500, rate: 0.5 });
    let failures = 0;
    for (let i = 0; i < 200; i++) {
      const res = await h.raw('GET', `/api/v1/namespaces/${ns}/configmaps`);
      if (res.status === 500) failures++;
      else expect(res.status).toBe(200);
    }
    // Binomial(200, 0.5): outside 60..140 has a probability below 1e-8.
    expect(failures).toBeGreaterThan(60);
    expect(failures).toBeLessThan(140);
  });

  it('adds latency to matching requests only', async () => {
    const ns = await makeNamespace(h);
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'c' } } });
    await addFault('latency', { verb: 'get', resource: 'configmaps', ms: 400 });
    let t = Date.now();
    await h.core.readNamespacedConfigMap({ namespace: ns, name: 'c' });
    expect(Date.now() - t).toBeGreaterThanOrEqual(390);
    t = Date.now();
    await h.core.listNamespacedConfigMap({ namespace: ns });
    expect(Date.now() - t).toBeLessThan(390);
  });

  it('drops a watch after N events', async () => {
    const ns = await makeNamespace(h);
    for (const name of ['a', 'b', 'c', 'd']) await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name } } });
    await addFault('watch-drops', { resource: 'configmaps', afterEvents: 2, count: 1 });
    const seen: string[] = [];
    const ended = new Promise<void>((resolve) => {
      void new Watch(h.kc).watch(`/api/v1/namespaces/${ns}/configmaps`, {}, (type: string, obj: { metadata?: { name?: string } }) => seen.push(obj.metadata?.name ?? ''), () => resolve());
    });
    await ended;
    expect(seen).toEqual(['a', 'b']);
    // The fault was used up: the next watch gets everything.
    const again: string[] = [];
    const ctrl = await new Watch(h.kc).watch(`/api/v1/namespaces/${ns}/configmaps`, {}, (_t: string, obj: { metadata?: { name?: string } }) => again.push(obj.metadata?.name ?? ''), () => {});
    await waitFor('all four', () => again.length === 4);
    ctrl.abort();
  });

  it('resets connections', async () => {
    const ns = await makeNamespace(h);
    await addFault('resets', { verb: 'list', resource: 'configmaps', count: 1 });
    const err = await h.core.listNamespacedConfigMap({ namespace: ns }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ApiException);
    expect((await h.core.listNamespacedConfigMap({ namespace: ns })).items).toEqual([]);
  });

  it('rejects malformed fault definitions with 400', async () => {
    expect((await h.raw('POST', '/_sim/faults/errors', { body: { code: 200 } })).status).toBe(400);
    expect((await h.raw('POST', '/_sim/faults/errors', { body: { code: 500, rate: 3 } })).status).toBe(400);
    expect((await h.raw('POST', '/_sim/faults/latency', { body: {} })).status).toBe(400);
    expect((await h.raw('POST', '/_sim/faults/nonsense', { body: {} })).status).toBe(404);
  });
});

describe('access reviews and reset', () => {
  it('allows every SelfSubjectAccessReview until a deny rule matches', async () => {
    const authz = h.kc.makeApiClient(AuthorizationV1Api);
    const review = (verb: string, resource: string) =>
      authz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { verb, resource, group: 'apps', namespace: 'default' } } } });
    expect((await review('delete', 'deployments')).status?.allowed).toBe(true);
    expect((await h.raw('POST', '/_sim/access', { body: { deny: [{ verb: 'delete', resource: 'deployments' }] } })).status).toBe(200);
    const denied = await review('delete', 'deployments');
    expect(denied.status).toMatchObject({ allowed: false, denied: true });
    expect((await review('get', 'deployments')).status?.allowed).toBe(true);
    await h.raw('DELETE', '/_sim/access');
    expect((await review('delete', 'deployments')).status?.allowed).toBe(true);
  });

  it('POST /_sim/reset clears objects, faults and open watches', async () => {
    const ns = await makeNamespace(h);
    await addFault('latency', { ms: 1 });
    let ended = false;
    await new Watch(h.kc).watch('/api/v1/namespaces', {}, () => {}, () => (ended = true));
    const res = await h.raw('POST', '/_sim/reset');
    expect(res.status).toBe(200);
    await waitFor('the watch to end', () => ended);
    expect((await statusOf(h.core.readNamespace({ name: ns }))).code).toBe(404);
    expect((await h.core.readNamespace({ name: 'default' })).status?.phase).toBe('Active');
    expect(((await h.raw('GET', '/_sim/faults')).json() as { faults: unknown[] }).faults).toEqual([]);
  });
});
