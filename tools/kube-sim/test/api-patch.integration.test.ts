import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PatchStrategy, setHeaderOptions, type V1Deployment, type KubernetesObject } from '@kubernetes/client-node';
import { startHarness, makeNamespace, statusOf, deployment, type Harness } from './api-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sim.close();
});

const withType = (strategy: string) => setHeaderOptions('Content-Type', strategy);
const main = (d: V1Deployment) => d.spec?.template.spec?.containers.find((c) => c.name === 'main');

describe('JSON merge, JSON and strategic merge patches', () => {
  it('merge patch merges maps, deletes with null and replaces lists whole', async () => {
    const ns = await makeNamespace(h);
    await h.apps.createNamespacedDeployment({ namespace: ns, body: deployment('m') });
    const d = await h.apps.patchNamespacedDeployment(
      { namespace: ns, name: 'm', body: { metadata: { labels: { app: null, extra: 'y' } }, spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:2' }] } } } } },
      withType(PatchStrategy.MergePatch),
    );
    expect(d.metadata?.labels).toEqual({ extra: 'y' });
    expect(main(d)?.image).toBe('nginx:2');
    expect(main(d)?.env).toBeUndefined();
  });

  it('JSON patch applies operations in order and fails whole on a failed test', async () => {
    const ns = await makeNamespace(h);
    await h.apps.createNamespacedDeployment({ namespace: ns, body: deployment('j') });
    const ok = await h.apps.patchNamespacedDeployment({ namespace: ns, name: 'j', body: [
      { op: 'test', path: '/spec/replicas', value: 1 },
      { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'B', value: '2' } },
      { op: 'replace', path: '/spec/replicas', value: 2 },
    ] });
    expect(main(ok)?.env?.map((e) => e.name)).toEqual(['A', 'B']);
    expect(ok.spec?.replicas).toBe(2);
    const failed = await statusOf(h.apps.patchNamespacedDeployment({ namespace: ns, name: 'j', body: [
      { op: 'replace', path: '/spec/replicas', value: 9 },
      { op: 'test', path: '/spec/replicas', value: 1 },
    ] }));
    expect(failed.code).toBe(422);
    expect((await h.apps.readNamespacedDeployment({ namespace: ns, name: 'j' })).spec?.replicas).toBe(2);
  });

  it('strategic merge patch merges containers, env, ports, volumes and volumeMounts by their keys', async () => {
    const ns = await makeNamespace(h);
    const base = deployment('s');
    base.spec!.template.spec!.volumes = [{ name: 'data', emptyDir: {} }];
    base.spec!.template.spec!.containers[0]!.volumeMounts = [{ name: 'data', mountPath: '/data' }];
    await h.apps.createNamespacedDeployment({ namespace: ns, body: base });
    const d = await h.apps.patchNamespacedDeployment({ namespace: ns, name: 's', body: { spec: { template: { spec: {
      containers: [
        { name: 'main', env: [{ name: 'A', value: 'changed' }, { name: 'C', value: '3' }], ports: [{ containerPort: 9090 }], volumeMounts: [{ name: 'cache', mountPath: '/cache' }] },
        { name: 'sidecar', image: 'envoy:1' },
      ],
      volumes: [{ name: 'cache', emptyDir: {} }],
    } } } } }, withType(PatchStrategy.StrategicMergePatch));
    const c = main(d);
    expect(c?.image).toBe('nginx:1.25');
    expect(c?.env).toEqual([{ name: 'A', value: 'changed' }, { name: 'C', value: '3' }]);
    // As on a real apiserver, items only in the patch go before the server's items.
    expect(c?.ports?.map((p) => p.containerPort)).toEqual([9090, 8080]);
    expect(c?.volumeMounts?.map((m) => m.mountPath)).toEqual(['/cache', '/data']);
    expect(d.spec?.template.spec?.volumes?.map((v) => v.name)).toEqual(['cache', 'data']);
    expect(d.spec?.template.spec?.containers.map((x) => x.name)).toEqual(['main', 'sidecar']);

    const del = await h.apps.patchNamespacedDeployment({ namespace: ns, name: 's', body: { spec: { template: { spec: {
      containers: [{ name: 'sidecar', $patch: 'delete' }, { name: 'main', env: [{ name: 'A', $patch: 'delete' }] }],
      // The mounts still name cache and data, so a real server needs those volumes kept.
      volumes: [{ name: 'cache', emptyDir: {} }, { name: 'data', emptyDir: {} }, { name: 'only', emptyDir: {} }, { $patch: 'replace' }],
    } } } } }, withType(PatchStrategy.StrategicMergePatch));
    expect(del.spec?.template.spec?.containers.map((x) => x.name)).toEqual(['main']);
    expect(main(del)?.env).toEqual([{ name: 'C', value: '3' }]);
    expect(del.spec?.template.spec?.volumes?.map((v) => v.name)).toEqual(['cache', 'data', 'only']);
  });

  it('strategic merge patch merges Service ports by port', async () => {
    const ns = await makeNamespace(h);
    await h.core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'svc' }, spec: { ports: [{ name: 'http', port: 80 }] } } });
    const s = await h.core.patchNamespacedService({ namespace: ns, name: 'svc', body: { spec: { ports: [{ port: 80, targetPort: 8080 }, { name: 'grpc', port: 9000 }] } } }, withType(PatchStrategy.StrategicMergePatch));
    expect(s.spec?.ports?.map((p) => [p.name, p.port, p.targetPort])).toEqual([['http', 80, 8080], ['grpc', 9000, 9000]]);
    expect(s.spec?.clusterIP).toMatch(/^10\.96\./);
  });

  it('rejects an unknown patch content type with 415', async () => {
    const ns = await makeNamespace(h);
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'c' } } });
    const res = await h.raw('PATCH', `/api/v1/namespaces/${ns}/configmaps/c`, { body: { data: { a: '1' } }, contentType: 'text/plain' });
    expect(res.status).toBe(415);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType' });
  });
});

describe('status and scale subresources', () => {
  it('writes status only through /status, without bumping generation', async () => {
    const ns = await makeNamespace(h);
    const created = await h.core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } } });
    const viaMain = await h.core.replaceNamespacedService({ namespace: ns, name: 'lb', body: { ...created, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } } });
    expect(viaMain.status?.loadBalancer?.ingress).toBeUndefined();
    const viaStatus = await h.core.replaceNamespacedServiceStatus({ namespace: ns, name: 'lb', body: { ...viaMain, spec: { ...viaMain.spec, type: 'ClusterIP' }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } } });
    expect(viaStatus.status?.loadBalancer?.ingress?.[0]?.ip).toBe('1.2.3.4');
    expect(viaStatus.spec?.type).toBe('LoadBalancer');
    expect(viaStatus.metadata?.generation).toBe(viaMain.metadata?.generation);
    const patched = await h.core.patchNamespacedServiceStatus({ namespace: ns, name: 'lb', body: { status: { loadBalancer: { ingress: [{ ip: '5.6.7.8' }] } } } }, withType(PatchStrategy.MergePatch));
    expect(patched.status?.loadBalancer?.ingress?.[0]?.ip).toBe('5.6.7.8');
  });

  it('reads, replaces and patches a Deployment through its Scale', async () => {
    const ns = await makeNamespace(h);
    await h.apps.createNamespacedDeployment({ namespace: ns, body: deployment('sc') });
    const scale = await h.apps.readNamespacedDeploymentScale({ namespace: ns, name: 'sc' });
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 }, status: { selector: 'app=sc' } });
    await h.apps.replaceNamespacedDeploymentScale({ namespace: ns, name: 'sc', body: { ...scale, spec: { replicas: 4 } } });
    expect((await h.apps.readNamespacedDeployment({ namespace: ns, name: 'sc' })).spec?.replicas).toBe(4);
    const stale = await statusOf(h.apps.replaceNamespacedDeploymentScale({ namespace: ns, name: 'sc', body: { ...scale, spec: { replicas: 5 } } }));
    expect(stale.code).toBe(409);
    await h.apps.patchNamespacedDeploymentScale({ namespace: ns, name: 'sc', body: { spec: { replicas: 2 } } }, withType(PatchStrategy.MergePatch));
    const d = await h.apps.readNamespacedDeployment({ namespace: ns, name: 'sc' });
    expect(d.spec?.replicas).toBe(2);
    expect(d.metadata?.generation).toBe(3);
  });
});

describe('server-side apply', () => {
  type Entry = { manager: string; operation: string; fieldsV1: Record<string, unknown> };
  const entries = (o: KubernetesObject): Entry[] => (o.metadata?.managedFields ?? []) as unknown as Entry[];
  const apply = <T extends KubernetesObject>(spec: T, manager: string, force = false) => h.objects.patch(spec, undefined, undefined, manager, force, PatchStrategy.ServerSideApply);

  it('creates, tracks managers, reports conflicts, forces, shares and removes fields', async () => {
    const ns = await makeNamespace(h);
    const intent: V1Deployment = { ...deployment('ssa', 'nginx:1', 2), metadata: { name: 'ssa', namespace: ns, labels: { app: 'ssa' } } };
    const created = await apply(intent, 'mgr-a');
    expect(created.metadata?.uid).toBeTruthy();
    const a = entries(created).find((e) => e.manager === 'mgr-a');
    expect(a?.operation).toBe('Apply');
    expect(a?.fieldsV1).toMatchObject({ 'f:spec': { 'f:replicas': {}, 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"main"}': { '.': {}, 'f:image': {} } } } } } });

    const other: KubernetesObject & { spec: { replicas: number } } = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ssa', namespace: ns }, spec: { replicas: 5 } };
    const conflict = await statusOf(apply(other, 'mgr-b'));
    expect(conflict.code).toBe(409);
    expect(conflict.status).toMatchObject({ reason: 'Conflict', details: { causes: [{ reason: 'FieldManagerConflict', field: '.spec.replicas' }] } });
    expect(String(conflict.status.message)).toContain('conflict with "mgr-a"');

    // Applying the same value is shared ownership, not a conflict.
    await apply({ ...other, spec: { replicas: 2 } }, 'mgr-c');

    const forced = (await apply(other, 'mgr-b', true)) as V1Deployment;
    expect(forced.spec?.replicas).toBe(5);
    const owners = entries(forced);
    expect(JSON.stringify(owners.find((e) => e.manager === 'mgr-a')?.fieldsV1)).not.toContain('f:replicas');
    expect(owners.find((e) => e.manager === 'mgr-b')?.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });

    // mgr-a drops env and replicas from its intent: env goes (only mgr-a owned it), replicas stays (mgr-b owns it).
    const without = structuredClone(intent);
    delete without.spec!.replicas;
    delete without.spec!.template.spec!.containers[0]!.env;
    const after = await apply(without, 'mgr-a');
    expect(main(after)?.env).toBeUndefined();
    expect(after.spec?.replicas).toBe(5);
  });

  it('requires a fieldManager for apply patches', async () => {
    const ns = await makeNamespace(h);
    const res = await h.raw('PATCH', `/api/v1/namespaces/${ns}/configmaps/x`, { body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n', contentType: 'application/apply-patch+yaml' });
    expect(res.status).toBe(422);
    const ok = await h.raw('PATCH', `/api/v1/namespaces/${ns}/configmaps/x?fieldManager=yaml-user`, { body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: v\n', contentType: 'application/apply-patch+yaml' });
    expect(ok.status).toBe(201);
    expect(ok.json()).toMatchObject({ data: { k: 'v' } });
  });

  it('records Update managers for plain writes, which apply then conflicts with', async () => {
    const ns = await makeNamespace(h);
    await h.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'u' }, data: { k: 'v1' } }, fieldManager: 'writer' });
    const cm = await h.core.readNamespacedConfigMap({ namespace: ns, name: 'u' });
    expect(cm.metadata?.managedFields?.[0]).toMatchObject({ manager: 'writer', operation: 'Update', fieldsV1: { 'f:data': { 'f:k': {} } } });
    const conflict = await statusOf(apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'u', namespace: ns }, data: { k: 'v2' } } as KubernetesObject, 'applier'));
    expect(conflict.code).toBe(409);
    expect(String(conflict.status.message)).toContain('"writer"');
  });
});
