import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Watch } from '@kubernetes/client-node';
import { startHarness, makeNamespace, waitFor, type Harness } from './api-harness.ts';

type Seen = { type: string; name: string; rv: string; obj: Record<string, unknown> };
type Watching = { events: Seen[]; done: Promise<unknown>; stop: () => void };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ bookmarkIntervalMs: 100 });
});
afterAll(async () => {
  await h.sim.close();
});

async function watch(harness: Harness, path: string, query: Record<string, string | number | boolean | undefined>): Promise<Watching> {
  const events: Seen[] = [];
  let finish: (err: unknown) => void = () => {};
  const done = new Promise<unknown>((resolve) => (finish = resolve));
  const ctrl = await new Watch(harness.kc).watch(
    path,
    query,
    (type: string, obj: { metadata?: { name?: string; resourceVersion?: string } }) =>
      events.push({ type, name: obj.metadata?.name ?? '', rv: obj.metadata?.resourceVersion ?? '', obj: obj }),
    (err: unknown) => finish(err ?? null),
  );
  return { events, done, stop: () => ctrl.abort() };
}

const types = (w: Watching) => w.events.filter((e) => e.type !== 'BOOKMARK').map((e) => `${e.type} ${e.name}`);

describe('watch', () => {
  it('streams ADDED, MODIFIED and DELETED after a list resourceVersion', async () => {
    const ns = await makeNamespace(h);
    const rv = (await h.core.listNamespacedConfigMap({ namespace: ns })).metadata?.resourceVersion;
    const w = await watch(h, `/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: rv });
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'a' }, data: { v: '1' } } });
    await h.core.patchNamespacedConfigMap({ namespace: ns, name: 'a', body: [{ op: 'replace', path: '/data/v', value: '2' }] });
    await h.core.deleteNamespacedConfigMap({ namespace: ns, name: 'a' });
    await waitFor('three events', () => w.events.length >= 3);
    w.stop();
    expect(types(w)).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
    const rvs = w.events.map((e) => Number(e.rv));
    expect(rvs).toEqual([...rvs].sort((x, y) => x - y));
    expect(new Set(rvs).size).toBe(3);
  });

  it('sends existing objects as ADDED when started without a resourceVersion', async () => {
    const ns = await makeNamespace(h);
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'old' } } });
    const w = await watch(h, `/api/v1/namespaces/${ns}/configmaps`, {});
    await waitFor('initial event', () => w.events.length >= 1);
    w.stop();
    expect(types(w)).toEqual(['ADDED old']);
  });

  it('resumes from a resourceVersion, replaying what happened while disconnected', async () => {
    const ns = await makeNamespace(h);
    const rv0 = (await h.core.listNamespacedConfigMap({ namespace: ns })).metadata?.resourceVersion;
    const first = await watch(h, `/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: rv0 });
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'one' } } });
    await waitFor('first event', () => first.events.length >= 1);
    first.stop();
    const resumeAt = first.events[0]?.rv;
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'two' } } });
    await h.core.deleteNamespacedConfigMap({ namespace: ns, name: 'one' });
    const second = await watch(h, `/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: resumeAt });
    await waitFor('replayed events', () => second.events.length >= 2);
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'three' } } });
    await waitFor('live event', () => second.events.length >= 3);
    second.stop();
    expect(types(second)).toEqual(['ADDED two', 'DELETED one', 'ADDED three']);
  });

  it('answers 410 Expired inside the stream for a resourceVersion older than the window', async () => {
    const small = await startHarness({ watchWindow: 5 });
    try {
      const ns = await makeNamespace(small);
      const rv = (await small.core.listNamespacedConfigMap({ namespace: ns })).metadata?.resourceVersion;
      for (let i = 0; i < 12; i++) await small.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: `c${i}` } } });
      const w = await watch(small, `/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: rv });
      await w.done;
      expect(w.events).toHaveLength(1);
      expect(w.events[0]?.type).toBe('ERROR');
      expect(w.events[0]?.obj).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
      // A recent resourceVersion is still resumable.
      const recent = (await small.core.listNamespacedConfigMap({ namespace: ns })).metadata?.resourceVersion;
      const ok = await watch(small, `/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: recent });
      await small.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'later' } } });
      await waitFor('event after recent rv', () => ok.events.length >= 1);
      ok.stop();
      expect(types(ok)).toEqual(['ADDED later']);
    } finally {
      await small.sim.close();
    }
  });

  it('sends BOOKMARK events when asked, and ends at timeoutSeconds', async () => {
    const ns = await makeNamespace(h);
    const started = Date.now();
    const w = await watch(h, `/api/v1/namespaces/${ns}/configmaps`, { allowWatchBookmarks: true, timeoutSeconds: 1 });
    await w.done;
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5000);
    const bookmarks = w.events.filter((e) => e.type === 'BOOKMARK');
    expect(bookmarks.length).toBeGreaterThanOrEqual(3);
    expect(Number(bookmarks[0]?.rv)).toBeGreaterThan(0);
    const plain = await watch(h, `/api/v1/namespaces/${ns}/configmaps`, { timeoutSeconds: 1 });
    await plain.done;
    expect(plain.events.filter((e) => e.type === 'BOOKMARK')).toHaveLength(0);
  });

  it('applies label selectors, turning objects that enter or leave the selection into ADDED and DELETED', async () => {
    const ns = await makeNamespace(h);
    const w = await watch(h, `/api/v1/namespaces/${ns}/configmaps`, { labelSelector: 'team=x' });
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'c', labels: { team: 'y' } } } });
    await h.core.patchNamespacedConfigMap({ namespace: ns, name: 'c', body: [{ op: 'replace', path: '/metadata/labels/team', value: 'x' }] });
    await h.core.patchNamespacedConfigMap({ namespace: ns, name: 'c', body: [{ op: 'add', path: '/data', value: { k: 'v' } }] });
    await h.core.patchNamespacedConfigMap({ namespace: ns, name: 'c', body: [{ op: 'replace', path: '/metadata/labels/team', value: 'z' }] });
    await h.core.deleteNamespacedConfigMap({ namespace: ns, name: 'c' });
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'end', labels: { team: 'x' } } } });
    await waitFor('the closing event', () => w.events.some((e) => e.name === 'end'));
    w.stop();
    expect(types(w)).toEqual(['ADDED c', 'MODIFIED c', 'DELETED c', 'ADDED end']);
  });

  it('watches a single object by metadata.name across namespaces', async () => {
    const ns = await makeNamespace(h);
    const w = await watch(h, '/api/v1/configmaps', { fieldSelector: 'metadata.name=target' });
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'other' } } });
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'target' } } });
    await waitFor('target event', () => w.events.length >= 1);
    w.stop();
    expect(types(w)).toEqual(['ADDED target']);
  });
});
