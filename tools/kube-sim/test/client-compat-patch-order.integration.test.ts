import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { deployment, makeNamespace } from './api-harness.ts';
import { ok, startClients, type Clients } from './clients.ts';

// Issue 7, item 9: the element order a real apiserver gives after a strategic merge: items only in
// the patch go before the server's items (env [B] patched onto [A] is [B, A]), and kubectl apply's
// $setElementOrder lists decide the order of what it names.

let c: Clients;
beforeAll(async () => {
  c = await startClients();
});
afterAll(async () => {
  await c.close();
});

const envOf = async (ns: string, name: string): Promise<string[]> =>
  ((await c.apps.readNamespacedDeployment({ namespace: ns, name })).spec?.template.spec?.containers[0]?.env ?? []).map((e) => e.name);

const patchB = { spec: { template: { spec: { containers: [{ name: 'main', env: [{ name: 'B', value: '2' }] }] } } } };

describe('strategic merge element order', () => {
  it('kubectl patch puts an item only in the patch before the server items', async () => {
    const ns = await makeNamespace(c);
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('web') });
    ok(await c.kubectl(['patch', 'deployment', 'web', '-n', ns, '--type', 'strategic', '-p', JSON.stringify(patchB)]));
    expect(await envOf(ns, 'web')).toEqual(['B', 'A']);
  });

  it('the Python client and client-node get the same order', async () => {
    const ns = await makeNamespace(c);
    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('py') });
    const env = await c.python(`out([e.name for e in apps.patch_namespaced_deployment('py', V['ns'], V['patch']).spec.template.spec.containers[0].env])`, { ns, patch: patchB });
    expect(env).toEqual(['B', 'A']);

    await c.apps.createNamespacedDeployment({ namespace: ns, body: deployment('node') });
    await c.apps.patchNamespacedDeployment({ namespace: ns, name: 'node', body: patchB }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch));
    expect(await envOf(ns, 'node')).toEqual(['B', 'A']);
  });

  it("kubectl apply's $setElementOrder orders what the manifest names", async () => {
    const ns = await makeNamespace(c);
    const manifest = (env: string[]): string =>
      JSON.stringify({ ...deployment('app'), metadata: { name: 'app', namespace: ns, labels: { app: 'app' } }, spec: { ...deployment('app').spec, template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.25', env: env.map((name) => ({ name, value: name })) }] } } } });
    ok(await c.kubectl(['apply', '-f', '-'], { input: manifest(['A', 'B']) }));
    ok(await c.kubectl(['apply', '-f', '-'], { input: manifest(['C', 'A']) }));
    expect(await envOf(ns, 'app')).toEqual(['C', 'A']);
    ok(await c.kubectl(['apply', '-f', '-'], { input: manifest(['A', 'C', 'D']) }));
    expect(await envOf(ns, 'app')).toEqual(['A', 'C', 'D']);
  });
});
