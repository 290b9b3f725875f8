import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment, makeNamespace, waitFor } from './api-harness.ts';
import { ok, startClients, type Clients } from './clients.ts';

// Issue 7, item 11: defaults and metadata as a real apiserver writes them: a Service's IP family
// and traffic fields, generation only on kinds that have one, no empty managedFields, a Secret's
// stringData owned as data, and the fresh continue token in the 410 for an expired one.

let c: Clients;
beforeAll(async () => {
  // A small watch window, so a continue token expires after a few writes.
  c = await startClients({ watchWindow: 5 });
});
afterAll(async () => {
  await c.close();
});

describe('defaults and metadata', () => {
  it('defaults a ClusterIP Service as the apiserver does (kubectl apply, Python client)', async () => {
    const ns = await makeNamespace(c);
    ok(await c.kubectl(['apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }) }));
    const spec = (await c.python(`out(core.read_namespaced_service('web', V['ns']).spec)`, { ns })) as Record<string, unknown>;
    expect(spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' });
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    const external = await c.core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } } });
    expect(external.spec?.clusterIP).toBeUndefined();
    expect(external.spec?.ipFamilies).toBeUndefined();
    expect(external.spec?.sessionAffinity).toBe('None');
  });

  it('sets generation only on kinds that have one, and never writes an empty managedFields', async () => {
    const ns = await makeNamespace(c);
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('web') });
    await c.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'cm' }, data: { a: '1' } } });
    await c.core.createNamespacedService({ namespace: ns, body: { metadata: { name: 'svc' }, spec: { ports: [{ port: 80 }] } } });
    await waitFor('pods', async () => (await c.core.listNamespacedPod({ namespace: ns })).items.length === 1);
    const meta = (await c.python(
      `
out({
  'deployment': apps.read_namespaced_deployment('web', V['ns']).metadata.generation,
  'replicaset': apps.list_namespaced_replica_set(V['ns']).items[0].metadata.generation,
  'configmap': core.read_namespaced_config_map('cm', V['ns']).metadata.generation,
  'service': core.read_namespaced_service('svc', V['ns']).metadata.generation,
  'pod': core.list_namespaced_pod(V['ns']).items[0].metadata.generation,
  'namespace': core.read_namespace(V['ns']).metadata.generation,
  'events': [e.metadata.generation for e in core.list_namespaced_event(V['ns']).items][:1],
})
`,
      { ns },
    )) as Record<string, unknown>;
    expect(meta).toEqual({ deployment: 1, replicaset: 1, configmap: null, service: null, pod: null, namespace: null, events: [null] });

    const raw = (await c.raw('GET', `/api/v1/namespaces/${ns}/pods`)).json() as { items: { metadata: { managedFields?: unknown[] } }[] };
    const events = (await c.raw('GET', `/api/v1/namespaces/${ns}/events`)).json() as { items: { metadata: { managedFields?: unknown[] } }[] };
    for (const o of [...raw.items, ...events.items]) expect(o.metadata.managedFields?.length ?? 'absent').not.toBe(0);
  });

  it("records a Secret's stringData as f:data in managedFields", async () => {
    const ns = await makeNamespace(c);
    await c.python(`core.create_namespaced_secret(V['ns'], {'metadata': {'name': 's'}, 'stringData': {'password': 'p'}}, field_manager='writer')`, { ns });
    const secret = (await c.raw('GET', `/api/v1/namespaces/${ns}/secrets/s`)).json() as { data: Record<string, string>; metadata: { managedFields: { manager: string; fieldsV1: Record<string, unknown> }[] } };
    expect(secret.data).toEqual({ password: Buffer.from('p').toString('base64') });
    const fields = secret.metadata.managedFields.find((m) => m.manager === 'writer')?.fieldsV1 ?? {};
    expect(fields).toMatchObject({ 'f:data': { 'f:password': {} } });
    expect(fields).not.toHaveProperty('f:stringData');
  });

  it('answers an expired continue token with 410 and a fresh token that lists the rest', async () => {
    const ns = await makeNamespace(c);
    for (const name of ['a', 'b', 'c']) await c.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name } } });
    const result = (await c.python(
      `
first = core.list_namespaced_config_map(V['ns'], limit=1)
for i in range(12):
    core.create_namespaced_config_map('default', {'metadata': {'generateName': 'churn-'}})
try:
    core.list_namespaced_config_map(V['ns'], limit=1, _continue=first.metadata._continue)
    out('no error')
except client.rest.ApiException as e:
    status = json.loads(e.body)
    rest = core.list_namespaced_config_map(V['ns'], _continue=status['metadata']['continue'])
    out({'code': e.status, 'reason': status['reason'], 'message': status['message'], 'rest': [i.metadata.name for i in rest.items]})
`,
      { ns },
    )) as Record<string, unknown>;
    expect(result).toMatchObject({ code: 410, reason: 'Expired', rest: ['b', 'c'] });
    expect(result.message).toContain('use the continue token in this response to retrieve the remainder of the results');
  });
});
