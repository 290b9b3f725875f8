import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubernetesObject } from '@kubernetes/client-node';
import { startHarness, makeNamespace, statusOf, unique, deployment, waitFor, type Harness } from './api-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sim.close();
});

describe('authentication and discovery', () => {
  it('answers 401 with a Status when the token is missing or wrong', async () => {
    for (const token of [null, 'wrong']) {
      const res = await h.raw('GET', '/api/v1/namespaces', { token });
      expect(res.status).toBe(401);
      expect(res.json()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 });
    }
  });

  it('serves version, groups and resource lists with subresources', async () => {
    expect((await h.raw('GET', '/version')).json()).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\./) as unknown });
    const core = (await h.raw('GET', '/api/v1')).json() as { resources: { name: string; kind: string; namespaced: boolean; shortNames?: string[]; verbs: string[] }[] };
    expect(core.resources.find((r) => r.name === 'pods')).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'] });
    expect(core.resources.find((r) => r.name === 'pods/log')?.verbs).toEqual(['get']);
    expect(core.resources.find((r) => r.name === 'namespaces')).toMatchObject({ namespaced: false });
    const groups = (await h.raw('GET', '/apis')).json() as { groups: { name: string; preferredVersion: { version: string } }[] };
    const names = groups.groups.map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(['apps', 'networking.k8s.io', 'autoscaling', 'gateway.networking.k8s.io', 'networking.istio.io', 'authorization.k8s.io']));
    expect(groups.groups.find((g) => g.name === 'autoscaling')?.preferredVersion.version).toBe('v2');
    const apps = (await h.raw('GET', '/apis/apps/v1')).json() as { resources: Record<string, unknown>[] };
    expect(apps.resources.find((r) => r.name === 'deployments')).toMatchObject({ singularName: 'deployment', kind: 'Deployment', shortNames: ['deploy'] });
    expect(apps.resources.find((r) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    expect(apps.resources.find((r) => r.name === 'deployments/status')?.verbs).toEqual(['get', 'patch', 'update']);
    expect((await h.raw('GET', '/apis/nope.example.com/v1')).status).toBe(404);
  });

  it('lets the generic object API resolve Gateway API and Istio kinds through discovery', async () => {
    const ns = await makeNamespace(h);
    const route = await h.objects.create({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: ns }, spec: { parentRefs: [{ name: 'gw' }] } } as KubernetesObject);
    expect(route.metadata?.uid).toBeTruthy();
    await h.objects.create({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GRPCRoute', metadata: { name: 'g', namespace: ns }, spec: {} });
    await h.objects.create({ apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService', metadata: { name: 'vs', namespace: ns }, spec: { hosts: ['a'] } });
    const vs = await h.objects.read({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'vs', namespace: ns } });
    expect(vs.apiVersion).toBe('networking.istio.io/v1');
    const list = await h.objects.list('networking.istio.io/v1beta1', 'VirtualService', ns);
    expect(list.items.map((i) => i.metadata?.name)).toEqual(['vs']);
  });
});

describe('object semantics', () => {
  it('assigns uid, creationTimestamp, resourceVersion and generation; bumps generation on spec changes only', async () => {
    const ns = await makeNamespace(h);
    const d = await h.apps.createNamespacedDeployment({ namespace: ns, body: deployment('web') });
    expect(d.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(d.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(d.metadata?.generation).toBe(1);
    const rv1 = Number(d.metadata?.resourceVersion);
    const labelled = await h.apps.patchNamespacedDeployment({ namespace: ns, name: 'web', body: [{ op: 'add', path: '/metadata/labels/tier', value: 'x' }] });
    expect(labelled.metadata?.generation).toBe(1);
    expect(Number(labelled.metadata?.resourceVersion)).toBeGreaterThan(rv1);
    const scaled = await h.apps.patchNamespacedDeployment({ namespace: ns, name: 'web', body: [{ op: 'replace', path: '/spec/replicas', value: 3 }] });
    expect(scaled.metadata?.generation).toBe(2);
  });

  it('answers 404, 409 AlreadyExists, 409 Conflict and 422 Invalid with Status objects', async () => {
    const ns = await makeNamespace(h);
    const missing = await statusOf(h.core.readNamespacedConfigMap({ namespace: ns, name: 'nope' }));
    expect(missing).toMatchObject({ code: 404, status: { kind: 'Status', reason: 'NotFound', message: 'configmaps "nope" not found', details: { name: 'nope', kind: 'configmaps' } } });
    const cm = await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'c' }, data: { a: '1' } } });
    const dup = await statusOf(h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'c' } } }));
    expect(dup).toMatchObject({ code: 409, status: { reason: 'AlreadyExists', message: 'configmaps "c" already exists' } });
    await h.core.replaceNamespacedConfigMap({ namespace: ns, name: 'c', body: { ...cm, data: { a: '2' } } });
    const stale = await statusOf(h.core.replaceNamespacedConfigMap({ namespace: ns, name: 'c', body: { ...cm, data: { a: '3' } } }));
    expect(stale.code).toBe(409);
    expect(stale.status).toMatchObject({ reason: 'Conflict' });
    expect(String(stale.status.message)).toContain('the object has been modified');
    expect((await h.core.readNamespacedConfigMap({ namespace: ns, name: 'c' })).data).toEqual({ a: '2' });
    const bad = await statusOf(h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'Bad_Name' } } }));
    expect(bad.code).toBe(422);
    expect(bad.status).toMatchObject({ reason: 'Invalid', details: { name: 'Bad_Name', kind: 'ConfigMap', causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }] } });
    const badDeploy = await statusOf(h.apps.createNamespacedDeployment({ namespace: ns, body: { ...deployment('ok'), spec: { ...deployment('ok').spec!, selector: { matchLabels: { app: 'other' } } } } }));
    expect(badDeploy.code).toBe(422);
    expect(JSON.stringify(badDeploy.status)).toContain('spec.template.metadata.labels');
    const noNs = await statusOf(h.core.createNamespacedConfigMap({ namespace: unique('absent'), body: { metadata: { name: 'x' } } }));
    expect(noNs).toMatchObject({ code: 404, status: { details: { kind: 'namespaces' } } });
  });

  it('generates names from generateName and folds Secret stringData into data', async () => {
    const ns = await makeNamespace(h);
    const s = await h.core.createNamespacedSecret({ namespace: ns, body: { metadata: { generateName: 'tok-' }, stringData: { password: 'hunter2' } } });
    expect(s.metadata?.name).toMatch(/^tok-[a-z0-9]{5}$/);
    expect(s.data).toEqual({ password: Buffer.from('hunter2').toString('base64') });
    expect(s.type).toBe('Opaque');
  });

  it('accepts dryRun=All without persisting', async () => {
    const ns = await makeNamespace(h);
    const cm = await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'dry' } }, dryRun: 'All' });
    expect(cm.metadata?.name).toBe('dry');
    expect((await statusOf(h.core.readNamespacedConfigMap({ namespace: ns, name: 'dry' }))).code).toBe(404);
  });

  it('filters lists by equality and set-based label selectors and by metadata.name', async () => {
    const ns = await makeNamespace(h);
    const labels: Record<string, Record<string, string>> = { a: { env: 'prod', tier: 'web' }, b: { env: 'dev', tier: 'web' }, c: { env: 'prod' }, d: {} };
    for (const [name, l] of Object.entries(labels)) await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name, labels: l } } });
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (await h.core.listNamespacedConfigMap({ namespace: ns, labelSelector, fieldSelector })).items.map((i) => i.metadata?.name);
    expect(await names('env=prod')).toEqual(['a', 'c']);
    expect(await names('env!=prod')).toEqual(['b', 'd']);
    expect(await names('env in (prod,dev),tier')).toEqual(['a', 'b']);
    expect(await names('env notin (prod)')).toEqual(['b', 'd']);
    expect(await names('!tier')).toEqual(['c', 'd']);
    expect(await names('env==prod,!tier')).toEqual(['c']);
    expect(await names(undefined, 'metadata.name=b')).toEqual(['b']);
    expect(await names(undefined, 'metadata.name!=b')).toEqual(['a', 'c', 'd']);
    expect((await statusOf(h.core.listNamespacedConfigMap({ namespace: ns, fieldSelector: 'spec.foo=1' }))).code).toBe(400);
  });

  it('pages with limit and continue, and answers 410 for a continue token older than the window', async () => {
    const small = await startHarness({ watchWindow: 5 });
    try {
      const ns = await makeNamespace(small);
      for (let i = 0; i < 7; i++) await small.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: `cm-${i}` } } });
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await small.core.listNamespacedConfigMap({ namespace: ns, limit: 3, _continue: token });
        seen.push(...page.items.map((i) => i.metadata?.name ?? ''));
        token = page.metadata?._continue;
        if (token) expect(page.metadata?.remainingItemCount).toBe(7 - seen.length);
        pages++;
      } while (token);
      expect(pages).toBe(3);
      expect(seen).toEqual(['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-5', 'cm-6']);
      const first = await small.core.listNamespacedConfigMap({ namespace: ns, limit: 2 });
      for (let i = 0; i < 12; i++) await small.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: `churn-${i}` } } });
      const expired = await statusOf(small.core.listNamespacedConfigMap({ namespace: ns, limit: 2, _continue: first.metadata?._continue }));
      expect(expired).toMatchObject({ code: 410, status: { reason: 'Expired' } });
    } finally {
      await small.sim.close();
    }
  });

  it('serves ingresses, HPAs and access reviews through their typed APIs', async () => {
    const ns = await makeNamespace(h);
    const ing = await h.net.createNamespacedIngress({ namespace: ns, body: { metadata: { name: 'web' }, spec: { rules: [{ host: 'web.example.com' }] } } });
    expect(ing.spec?.rules?.[0]?.host).toBe('web.example.com');
    await h.apps.createNamespacedDeployment({ namespace: ns, body: deployment('web') });
    const hpa = await h.hpa.createNamespacedHorizontalPodAutoscaler({ namespace: ns, body: { metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3 } } });
    expect(hpa.spec.maxReplicas).toBe(3);
    expect((await h.hpa.listNamespacedHorizontalPodAutoscaler({ namespace: ns })).items).toHaveLength(1);
  });
});

describe('deletion and garbage collection', () => {
  async function rolledOut(ns: string, name: string): Promise<void> {
    await waitFor(`${name} pods`, async () => (await h.core.listNamespacedPod({ namespace: ns, labelSelector: `app=${name}` })).items.length === 2);
  }

  it('Background deletes the Deployment, then its ReplicaSets and Pods', async () => {
    const ns = await makeNamespace(h);
    await h.apps.createNamespacedDeployment({ namespace: ns, body: deployment('bg', 'nginx:1', 2) });
    await rolledOut(ns, 'bg');
    const status = await h.apps.deleteNamespacedDeployment({ namespace: ns, name: 'bg', propagationPolicy: 'Background' });
    expect(status).toMatchObject({ status: 'Success', details: { name: 'bg', kind: 'deployments', group: 'apps' } });
    expect((await h.apps.listNamespacedReplicaSet({ namespace: ns })).items).toHaveLength(0);
    expect((await h.core.listNamespacedPod({ namespace: ns })).items).toHaveLength(0);
  });

  it('Orphan leaves the ReplicaSet without its owner reference', async () => {
    const ns = await makeNamespace(h);
    await h.apps.createNamespacedDeployment({ namespace: ns, body: deployment('or', 'nginx:1', 2) });
    await rolledOut(ns, 'or');
    await h.apps.deleteNamespacedDeployment({ namespace: ns, name: 'or', propagationPolicy: 'Orphan' });
    const rs = (await h.apps.listNamespacedReplicaSet({ namespace: ns })).items;
    expect(rs).toHaveLength(1);
    expect(rs[0]?.metadata?.ownerReferences ?? []).toEqual([]);
    expect((await h.core.listNamespacedPod({ namespace: ns })).items).toHaveLength(2);
  });

  it('Foreground removes dependents before the owner, which carries deletionTimestamp meanwhile', async () => {
    const ns = await makeNamespace(h);
    await h.apps.createNamespacedDeployment({ namespace: ns, body: deployment('fg', 'nginx:1', 2) });
    await rolledOut(ns, 'fg');
    const order: string[] = [];
    const unsubscribe = h.sim.store.subscribe((e) => {
      if (e.object.metadata.namespace !== ns) return;
      if (e.type === 'DELETED') order.push(`${e.resource}`);
      if (e.type === 'MODIFIED' && e.resource === 'deployments.apps' && e.object.metadata.deletionTimestamp) order.push('marked');
    });
    await h.apps.deleteNamespacedDeployment({ namespace: ns, name: 'fg', propagationPolicy: 'Foreground' });
    unsubscribe();
    expect(order[0]).toBe('marked');
    expect(order[order.length - 1]).toBe('deployments.apps');
    expect(order.filter((o) => o === 'pods')).toHaveLength(2);
    expect(order.indexOf('replicasets.apps')).toBeLessThan(order.indexOf('deployments.apps'));
  });

  it('deleting a namespace removes what is in it', async () => {
    const ns = await makeNamespace(h);
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'c' } } });
    await h.core.deleteNamespace({ name: ns });
    expect((await statusOf(h.core.readNamespace({ name: ns }))).code).toBe(404);
    expect(h.sim.store.list('configmaps', { namespace: ns })).toHaveLength(0);
  });

  it('holds an object with finalizers until they are removed', async () => {
    const ns = await makeNamespace(h);
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'f', finalizers: ['example.com/hold'] } } });
    const res = await h.raw('DELETE', `/api/v1/namespaces/${ns}/configmaps/f`);
    expect(res.status).toBe(202);
    const held = await h.core.readNamespacedConfigMap({ namespace: ns, name: 'f' });
    expect(held.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    await h.core.patchNamespacedConfigMap({ namespace: ns, name: 'f', body: [{ op: 'remove', path: '/metadata/finalizers' }] });
    expect((await statusOf(h.core.readNamespacedConfigMap({ namespace: ns, name: 'f' }))).code).toBe(404);
  });
});

describe('pod logs', () => {
  it('serves logs with container selection, tailLines and follow', async () => {
    const ns = await makeNamespace(h);
    const pod = await h.core.createNamespacedPod({ namespace: ns, body: { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'busybox:1' }, { name: 'b', image: 'busybox:1' }] } } });
    expect(pod.metadata?.name).toBe('p');
    // The simulated kubelet logs container starts itself; wait until it is done so the lines below are the last.
    await waitFor('pod ready', async () => (await h.core.readNamespacedPod({ namespace: ns, name: 'p' })).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    h.sim.store.appendLog(ns, 'p', 'a', 'line-1');
    h.sim.store.appendLog(ns, 'p', 'a', 'line-2');
    h.sim.store.appendLog(ns, 'p', 'a', 'line-3');
    const noContainer = await h.raw('GET', `/api/v1/namespaces/${ns}/pods/p/log`);
    expect(noContainer.status).toBe(400);
    expect(noContainer.json().message).toBe('a container name must be specified for pod p, choose one of: [a b]');
    const tail = await h.core.readNamespacedPodLog({ namespace: ns, name: 'p', container: 'a', tailLines: 2 });
    expect(tail).toBe('line-2\nline-3\n');
    const res = await h.raw('GET', `/api/v1/namespaces/${ns}/pods/p/log?container=zz`);
    expect(res.status).toBe(400);

    const { Log } = await import('@kubernetes/client-node');
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const ended = new Promise<void>((resolve) => out.on('end', resolve));
    await new Log(h.kc).log(ns, 'p', 'a', out, { follow: true, tailLines: 1 });
    await waitFor('the tail line', () => text === 'line-3\n');
    h.sim.store.appendLog(ns, 'p', 'a', 'line-4');
    await waitFor('the followed line', () => text === 'line-3\nline-4\n');
    await h.core.deleteNamespacedPod({ namespace: ns, name: 'p' });
    await ended;
  });
});
