import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment, makeNamespace } from './api-harness.ts';
import { ok, startClients, type Clients } from './clients.ts';

// Issue 7, item 6: kubectl 1.32's typed commands send application/vnd.kubernetes.protobuf bodies.
// kube-sim decodes them with the Kubernetes .proto schemas (vendored in proto/), and answers a
// media type it does not take with 415 and a Status, never 400.

let c: Clients;
let ns: string;
beforeAll(async () => {
  c = await startClients();
  ns = await makeNamespace(c);
});
afterAll(async () => {
  await c.close();
});

describe('protobuf request bodies', () => {
  it('kubectl create secret, configmap and namespace', async () => {
    ok(await c.kubectl(['create', 'secret', 'generic', 'creds', '-n', ns, '--from-literal=password=s3cret', '--from-literal=user=me']));
    const secret = await c.core.readNamespacedSecret({ namespace: ns, name: 'creds' });
    expect(secret.type).toBe('Opaque');
    expect(secret.data).toEqual({ password: Buffer.from('s3cret').toString('base64'), user: Buffer.from('me').toString('base64') });
    ok(await c.kubectl(['create', 'configmap', 'settings', '-n', ns, '--from-literal=mode=fast']));
    expect((await c.core.readNamespacedConfigMap({ namespace: ns, name: 'settings' })).data).toEqual({ mode: 'fast' });
    ok(await c.kubectl(['create', 'namespace', `${ns}-two`]));
    expect((await c.core.readNamespace({ name: `${ns}-two` })).status?.phase).toBe('Active');
  });

  it('kubectl create deployment, service and ingress', async () => {
    ok(await c.kubectl(['create', 'deployment', 'web', '-n', ns, '--image=nginx:1.25', '--replicas=2', '--port=8080']));
    const d = await c.apps.readNamespacedDeployment({ namespace: ns, name: 'web' });
    expect(d.spec?.replicas).toBe(2);
    expect(d.spec?.template.spec?.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 8080, protocol: 'TCP' }] });
    expect(d.spec?.strategy?.rollingUpdate).toEqual({ maxSurge: '25%', maxUnavailable: '25%' });
    ok(await c.kubectl(['create', 'service', 'clusterip', 'web', '-n', ns, '--tcp=80:8080']));
    const svc = await c.core.readNamespacedService({ namespace: ns, name: 'web' });
    expect(svc.spec?.ports).toEqual([{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }]);
    ok(await c.kubectl(['create', 'ingress', 'web', '-n', ns, '--rule=example.com/=web:80']));
    const ing = await c.net.readNamespacedIngress({ namespace: ns, name: 'web' });
    expect(ing.spec?.rules?.[0]).toMatchObject({ host: 'example.com', http: { paths: [{ path: '/', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 80 } } } }] } });
  });

  it('kubectl auth can-i and kubectl autoscale', async () => {
    expect(ok(await c.kubectl(['auth', 'can-i', 'delete', 'deployments', '-n', ns])).trim()).toBe('yes');
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('auto') });
    ok(await c.kubectl(['autoscale', 'deployment', 'auto', '-n', ns, '--min=2', '--max=5', '--cpu-percent=60']));
    const hpa = await c.hpa.readNamespacedHorizontalPodAutoscaler({ namespace: ns, name: 'auto' });
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] });
  });

  it('answers an unsupported media type with 415 and a Status', async () => {
    const res = await c.raw('POST', `/api/v1/namespaces/${ns}/configmaps`, { body: '<configmap/>', contentType: 'application/xml' });
    expect(res.status).toBe(415);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType', code: 415 });
    expect(String(res.json().message)).toContain('application/vnd.kubernetes.protobuf');
    // /_sim/ is not the Kubernetes API: `curl -d` (form-encoded label, JSON body) keeps working.
    const admin = await c.raw('POST', '/_sim/faults/latency', { body: '{"ms":1}', contentType: 'application/x-www-form-urlencoded' });
    expect(admin.status).toBe(201);
    await c.raw('DELETE', '/_sim/faults');
  });
});
